package io.llgate.server.instantpay;

import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.report.PayProduct;
import io.llgate.server.report.ReportRow;
import io.llgate.server.report.ReportRowSource;
import io.llgate.server.store.Columns;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Payouts the bank reversed ({@code CANCEL}), for the daily summary's cancelled count and total (13 T7). A
 * reversal counts on the business day it happened, so a file published before it never changes.
 */
public final class PayoutCancellationRows implements ReportRowSource {
    private final BusinessCalendar calendar;

    public PayoutCancellationRows(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        // A reversal is the payout's last change, so updated_at is when the bank reversed it.
        return h.createQuery("""
                        SELECT id, no_order, dt_order, oid_paybill, money_order, updated_at, info_order
                        FROM instant_payment
                        WHERE merchant_id = :merchant AND status = 'CANCEL'
                          AND updated_at >= :start AND updated_at < :end""")
                .bind("merchant", merchantId)
                .bind("start", calendar.end(from.minusDays(1)))
                .bind("end", calendar.end(to))
                .map((rs, ctx) -> new ReportRow(ReportRow.Kind.CANCELLED_PAYOUT,
                        InstantPayments.ledgerReference(rs.getLong("id")),
                        rs.getString("no_order"),
                        rs.getString("dt_order"),
                        null,
                        rs.getString("oid_paybill"),
                        calendar.settleDate(Columns.instant(rs, "updated_at")),
                        rs.getLong("money_order"),
                        0,
                        Columns.instant(rs, "updated_at"),
                        PayProduct.INSTANT_PAYMENT,
                        null,
                        rs.getString("info_order"),
                        null))
                .list();
    }
}
