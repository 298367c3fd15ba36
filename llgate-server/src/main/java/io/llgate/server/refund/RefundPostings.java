package io.llgate.server.refund;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Account;
import io.llgate.server.ledger.AccountKind;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** How a refund moves its merchant's money: held while the bank returns it, then gone or given back. */
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
     * Holds a refund's merchant share ({@code fen - feeBack}) while the bank returns the money: taken from
     * the unsettled balance first and then from available, into reserved. Throws
     * {@code InsufficientFundsException} when both balances together are short.
     */
    RefundDebit reserve(Handle h, long merchantId, long refundId, long fen, long feeBack) {
        // Both rows stay locked until commit, so the split cannot go stale before the postings.
        Map<AccountKind, Long> balances = ledger.lockBalances(h, merchantId, AccountKind.AVAILABLE, AccountKind.UNSETTLED);
        long share = fen - feeBack;
        long fromUnsettled = Math.max(0, Math.min(share, balances.getOrDefault(AccountKind.UNSETTLED, 0L)));
        RefundDebit debit = new RefundDebit(fromUnsettled, share - fromUnsettled);
        ledger.post(h, RESERVE, reference(refundId), List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.UNSETTLED), -debit.fromUnsettled()),
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), -debit.fromAvailable()),
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), share)));
        return debit;
    }

    /** The bank returned the refund to the payer: the reserve and the fee given back leave for the payer's bank. */
    void complete(Handle h, long merchantId, long refundId, long fen, long feeBack, String settleDate) {
        ledger.post(h, EntryKind.REFUND, reference(refundId), settleDate, List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), -(fen - feeBack)),
                Posting.of(Account.gateway(AccountKind.FEES), -feeBack),
                Posting.of(Account.gateway(AccountKind.BANK_REFUNDS), fen)));
    }

    /** The bank could not return the refund: the reserve goes back where {@link #reserve} took it from. */
    void release(Handle h, long merchantId, long refundId, RefundDebit debit) {
        ledger.post(h, RELEASE, reference(refundId), List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), -(debit.fromUnsettled() + debit.fromAvailable())),
                Posting.of(Account.merchant(merchantId, AccountKind.UNSETTLED), debit.fromUnsettled()),
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), debit.fromAvailable())));
    }
}
