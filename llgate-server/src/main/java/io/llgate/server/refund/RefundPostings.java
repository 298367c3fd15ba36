package io.llgate.server.refund;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Account;
import io.llgate.server.ledger.AccountKind;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.Posting;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * How a refund moves its merchant's money: held while the bank returns it, then gone or given back. Amounts are in
 * the refunded payment's currency; a refund of a payment in another currency than CNY leaves through the gateway's
 * exchange position, which gives the payer yuan at the payment's rate (the mirror of
 * {@link io.llgate.server.ledger.PaymentReceipts#receiveExchange}).
 */
final class RefundPostings {
    static final EntryKind RESERVE = new EntryKind("REFUND_RESERVE");
    static final EntryKind RELEASE = new EntryKind("REFUND_RELEASE");

    private final Ledger ledger;

    RefundPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Every ledger entry of one refund carries the same reference. */
    static TransactionRef reference(long refundId) {
        return new TransactionRef(RefundProduct.IDENTITY, refundId);
    }

    /**
     * Holds a refund's merchant share ({@code amount - feeBack}) while the bank returns the money: taken from
     * the unsettled balance first and then from available, into reserved. Throws
     * {@code InsufficientFundsException} when both balances together are short.
     */
    RefundDebit reserve(Handle h, long merchantId, long refundId, Money amount, Money feeBack) {
        Currency currency = amount.currency();
        // Both rows stay locked until commit, so the split cannot go stale before the postings.
        Map<AccountKind, Long> balances = ledger.lockBalances(h, merchantId, currency, AccountKind.AVAILABLE,
                AccountKind.UNSETTLED);
        long share = amount.minus(feeBack).minor();
        long fromUnsettled = Math.max(0, Math.min(share, balances.getOrDefault(AccountKind.UNSETTLED, 0L)));
        RefundDebit debit = new RefundDebit(fromUnsettled, share - fromUnsettled);
        ledger.post(h, RESERVE, reference(refundId), List.of(
                new Posting(Account.merchant(merchantId, AccountKind.UNSETTLED), Money.of(-debit.fromUnsettled(), currency)),
                new Posting(Account.merchant(merchantId, AccountKind.AVAILABLE), Money.of(-debit.fromAvailable(), currency)),
                new Posting(Account.merchant(merchantId, AccountKind.RESERVED), Money.of(share, currency))));
        return debit;
    }

    /**
     * The bank returned the refund to the payer: the reserve and the fee given back leave for the payer's bank. Of a
     * payment in another currency, they go into the exchange position, which pays {@code paidBack} yuan out.
     */
    void complete(Handle h, long merchantId, long refundId, Money amount, Money feeBack, Money paidBack,
                  String settleDate) {
        List<Posting> postings = new ArrayList<>(List.of(
                new Posting(Account.merchant(merchantId, AccountKind.RESERVED), amount.minus(feeBack).negated()),
                new Posting(Account.gateway(AccountKind.FEES), feeBack.negated())));
        if (amount.currency().equals(Money.CNY)) {
            postings.add(new Posting(Account.gateway(AccountKind.BANK_REFUNDS), amount));
        } else {
            postings.add(new Posting(Account.gateway(AccountKind.EXCHANGE), amount));
            postings.add(new Posting(Account.gateway(AccountKind.EXCHANGE), paidBack.negated()));
            postings.add(new Posting(Account.gateway(AccountKind.BANK_REFUNDS), paidBack));
        }
        ledger.post(h, EntryKind.REFUND, reference(refundId), settleDate, postings);
    }

    /** The bank could not return the refund: the reserve goes back where {@link #reserve} took it from. */
    void release(Handle h, long merchantId, long refundId, RefundDebit debit, Currency currency) {
        ledger.post(h, RELEASE, reference(refundId), List.of(
                new Posting(Account.merchant(merchantId, AccountKind.RESERVED),
                        Money.of(-(debit.fromUnsettled() + debit.fromAvailable()), currency)),
                new Posting(Account.merchant(merchantId, AccountKind.UNSETTLED), Money.of(debit.fromUnsettled(), currency)),
                new Posting(Account.merchant(merchantId, AccountKind.AVAILABLE), Money.of(debit.fromAvailable(), currency))));
    }
}
