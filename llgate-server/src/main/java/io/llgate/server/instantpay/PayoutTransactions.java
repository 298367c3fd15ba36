package io.llgate.server.instantpay;

import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.kernel.TransactionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Payouts in the operators' transaction list and pages; the card shows only as its mask. */
final class PayoutTransactions implements TransactionSource {
    private final InstantPaymentStore store;

    PayoutTransactions(InstantPaymentStore store) {
        this.store = store;
    }

    @Override
    public TransactionTable table() {
        return InstantPaymentStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return InstantPaymentStore.TRANSACTIONS.row(h, id).map(row -> {
            InstantPayment payout = store.findById(h, id).orElseThrow();
            List<Event> timeline = new ArrayList<>();
            timeline.add(new Event(row.createdAt(), payout.checkCode() != null
                    ? "applied; held for confirmation (" + payout.checkCode() + ")"
                    : "applied; handed to the bank"));
            if (payout.checkExpiresAt() != null) {
                timeline.add(new Event(payout.checkExpiresAt(), "confirmation deadline"));
            }
            store.paidAt(h, id).ifPresent(paid -> timeline.add(new Event(paid, "paid by the bank")));
            if (!row.updatedAt().equals(row.createdAt())) {
                timeline.add(new Event(row.updatedAt(), "last change: " + row.status()
                        + (payout.failureReason() == null ? "" : " (" + payout.failureReason() + ")")));
            }
            Facts facts = new Facts()
                    .add("dt_order", payout.dtOrder())
                    .add("payee", payout.payee().kind())
                    .add("card_no", payout.cardMask())
                    .add("bank_code", payout.payee().bankCode())
                    .add("prcptcd", payout.payee().prcptcd())
                    .add("info_order", payout.infoOrder())
                    .add("memo", payout.memo())
                    .add("settle_date", payout.settleDate())
                    .add("failure_reason", payout.failureReason())
                    .add("notify_url", payout.notifyUrl());
            return new Detail(row, row.oidPaybill(), timeline, facts.map(), Optional.empty());
        });
    }
}
