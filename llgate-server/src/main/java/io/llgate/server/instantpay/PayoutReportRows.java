package io.llgate.server.instantpay;

import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
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
    private final InstantPaymentStore store;

    PayoutReportRows(BusinessCalendar calendar, InstantPaymentStore store) {
        this.calendar = calendar;
        this.store = store;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        List<ReportRow> rows = new ArrayList<>();
        // A reversed payout keeps the settle_date and paid_at of its payment.
        for (InstantPaymentStore.ReportedPayout p : store.paid(h, merchantId, BusinessDays.format(from),
                BusinessDays.format(to))) {
            rows.add(row(p, ReportRow.Kind.PAYOUT, p.settleDate(), p.paidAt() != null ? p.paidAt() : p.updatedAt()));
        }
        for (InstantPaymentStore.ReportedPayout p : store.reversed(h, merchantId, calendar.end(from.minusDays(1)),
                calendar.end(to))) {
            rows.add(row(p, ReportRow.Kind.CANCELLED_PAYOUT, calendar.settleDate(p.updatedAt()), p.updatedAt()));
        }
        return rows;
    }

    private static ReportRow row(InstantPaymentStore.ReportedPayout p, ReportRow.Kind kind, String settleDate,
                                 Instant at) {
        // Payouts carry no fee: the ledger takes none.
        return new ReportRow(kind,
                PayoutPostings.reference(p.id()).text(),
                p.noOrder(),
                p.dtOrder(),
                null,
                p.oidPaybill(),
                settleDate,
                p.moneyOrder(),
                0,
                at,
                InstantPaymentProduct.IDENTITY.reportCode(),
                null,
                p.infoOrder(),
                null,
                p.bankCode());
    }
}
