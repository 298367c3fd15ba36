package io.llgate.server.ledger;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The posting recipes every product that takes payers' money shares (online banking, card payments, exchange
 * payments): the amount less the gateway's fee is the merchant's unsettled funds until settlement makes it available.
 */
public final class PaymentReceipts {
    private final Ledger ledger;

    public PaymentReceipts(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A payer paid the merchant {@code fen} through a bank; the gateway keeps {@code fee}. */
    public void receive(Handle h, long merchantId, TransactionRef payment, long fen, long fee, String settleDate) {
        ledger.post(h, EntryKind.PAYMENT_RECEIPT, payment, settleDate, List.of(
                Posting.of(Account.gateway(AccountKind.BANK_RECEIPTS), -fen),
                Posting.of(Account.gateway(AccountKind.FEES), fee),
                Posting.of(Account.merchant(merchantId, AccountKind.UNSETTLED), fen - fee)));
    }

    /**
     * A payer paid {@code paid} yuan through a bank for an order priced in another currency, credited to the merchant
     * as {@code credited} in that currency; the gateway keeps {@code fee} (in that currency). The yuan go into the
     * gateway's exchange position, which gives the foreign amount out: each currency's postings balance on their own.
     */
    public void receiveExchange(Handle h, long merchantId, TransactionRef payment, Money paid, Money credited,
                                Money fee, String settleDate) {
        if (!paid.currency().equals(Money.CNY)) {
            throw new IllegalArgumentException("payers pay CNY, not " + paid);
        }
        ledger.post(h, EntryKind.PAYMENT_RECEIPT, payment, settleDate, List.of(
                new Posting(Account.gateway(AccountKind.BANK_RECEIPTS), paid.negated()),
                new Posting(Account.gateway(AccountKind.EXCHANGE), paid),
                new Posting(Account.gateway(AccountKind.EXCHANGE), credited.negated()),
                new Posting(Account.gateway(AccountKind.FEES), fee),
                new Posting(Account.merchant(merchantId, AccountKind.UNSETTLED), credited.minus(fee))));
    }
}
