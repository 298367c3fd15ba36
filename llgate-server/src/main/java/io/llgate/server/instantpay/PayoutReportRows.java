package io.llgate.server.instantpay;

import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Payouts' rows of the report files: every paid payout on its settle_date, for the payout files (13 §5), and every
 * payout the bank reversed ({@code CANCEL}) on the business day it did, for the daily summary's cancelled count
 * (T7) and as a negative line of the payout files. A reversal leaves the paid row as it was, so a file published
 * before it never changes.
 */
public final class PayoutReportRows implements ReportRowSource {
    private final BusinessCalendar calendar;

    public PayoutReportRows(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        List<ReportRow> rows = new ArrayList<>();
        // A reversed payout keeps the settle_date and paid_at of its payment.
        h.createQuery("""
                        SELECT id, no_order, dt_order, oid_paybill, settle_date, money_order, paid_at, updated_at,
                               info_order, bank_code
                        FROM instant_payment
                        WHERE merchant_id = :merchant AND status IN ('SUCCESS', 'CANCEL')
                          AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> {
                    Instant paidAt = Columns.instant(rs, "paid_at");
                    return row(rs, ReportRow.Kind.PAYOUT, rs.getString("settle_date"),
                            paidAt != null ? paidAt : Columns.instant(rs, "updated_at"));
                })
                .forEach(rows::add);
        // A reversal is the payout's last change, so updated_at is when the bank reversed it.
        h.createQuery("""
                        SELECT id, no_order, dt_order, oid_paybill, money_order, updated_at, info_order, bank_code
                        FROM instant_payment
                        WHERE merchant_id = :merchant AND status = 'CANCEL'
                          AND updated_at >= :start AND updated_at < :end""")
                .bind("merchant", merchantId)
                .bind("start", calendar.end(from.minusDays(1)))
                .bind("end", calendar.end(to))
                .map((rs, ctx) -> {
                    Instant reversedAt = Columns.instant(rs, "updated_at");
                    return row(rs, ReportRow.Kind.CANCELLED_PAYOUT, calendar.settleDate(reversedAt), reversedAt);
                })
                .forEach(rows::add);
        return rows;
    }

    private static ReportRow row(ResultSet rs, ReportRow.Kind kind, String settleDate, Instant at) throws SQLException {
        // Payouts carry no fee: the ledger takes none.
        return new ReportRow(kind,
                PayoutPostings.reference(rs.getLong("id")).text(),
                rs.getString("no_order"),
                rs.getString("dt_order"),
                null,
                rs.getString("oid_paybill"),
                settleDate,
                rs.getLong("money_order"),
                0,
                at,
                InstantPaymentProduct.IDENTITY.reportCode(),
                null,
                rs.getString("info_order"),
                null,
                rs.getString("bank_code"));
    }
}
