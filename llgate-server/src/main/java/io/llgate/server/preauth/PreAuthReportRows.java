package io.llgate.server.preauth;

import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Pre-authorization's rows of the report files: every capture, for the captured amount, on its settle_date. */
final class PreAuthReportRows implements ReportRowSource {
    private final PreAuthStore store;

    PreAuthReportRows(PreAuthStore store) {
        this.store = store;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return store.reportRows(h, merchantId, from, to);
    }
}
