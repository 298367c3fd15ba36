package io.llgate.server.ledger;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import java.util.Currency;

/**
 * A ledger entry as reconciliation compares it with orders and reports: its kind ({@link EntryKind#PAYMENT_RECEIPT}
 * or {@link EntryKind#REFUND}), its reference, its business day, the gross amount that moved and the fee taken (or
 * given back), both positive and in {@code currency}, and the yuan that moved between the payer's bank and the
 * gateway ({@code moneyPay}: the amount itself for a CNY entry, its CNY side for an exchange one).
 */
public record Movement(EntryKind kind, String reference, String settleDate, long amount, long fee, Currency currency,
                       long moneyPay) {

    /** A CNY movement: the payer's bank moved the amount itself. */
    public Movement(EntryKind kind, String reference, String settleDate, long amount, long fee) {
        this(kind, reference, settleDate, amount, fee, Money.CNY, amount);
    }
}
