package io.llgate.server.onlinebanking;

import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Online banking's rows of the report files: every paid order, on its settle_date, with the fee it was charged. */
final class PaymentReportRows implements ReportRowSource {
    private final OnlineBankingStore store;

    PaymentReportRows(OnlineBankingStore store) {
        this.store = store;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return store.reportRows(h, merchantId, from, to);
    }
}
