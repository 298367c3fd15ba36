package io.llgate.server.easypay;

import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Easypay's rows of the report files: every paid order, on its settle_date, with the fee it was charged. */
final class EasypayReportRows implements ReportRowSource {
    private final EasypayStore store;

    EasypayReportRows(EasypayStore store) {
        this.store = store;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return store.reportRows(h, merchantId, from, to);
    }
}
