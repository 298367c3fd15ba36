package io.llgate.server.instantpay;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Account;
import io.llgate.server.ledger.AccountKind;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.Posting;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** How a payout moves its merchant's money: the ledger entries of one payout, each posted once. */
final class PayoutPostings {
    static final EntryKind RESERVE = new EntryKind("PAYOUT_RESERVE");
    static final EntryKind SUCCESS = new EntryKind("PAYOUT_SUCCESS");
    static final EntryKind RELEASE = new EntryKind("PAYOUT_RELEASE");
    static final EntryKind REVERSAL = new EntryKind("PAYOUT_REVERSAL");

    private final Ledger ledger;

    PayoutPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Every ledger entry of one payout carries the same reference. */
    static TransactionRef reference(long payoutId) {
        return new TransactionRef(InstantPaymentProduct.IDENTITY, payoutId);
    }

    /** Holds the payout's amount; throws {@code InsufficientFundsException} when available funds are short. */
    void reserve(Handle h, long merchantId, long payoutId, long fen) {
        ledger.post(h, RESERVE, reference(payoutId), List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), -fen),
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), fen)));
    }

    /** The bank paid the payee: the reserve leaves the merchant. */
    void complete(Handle h, long merchantId, long payoutId, long fen) {
        ledger.post(h, SUCCESS, reference(payoutId), List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), -fen),
                Posting.of(Account.gateway(AccountKind.BANK_PAYOUTS), fen)));
    }

    /** The payout failed or was never made: the reserve goes back to available. */
    void release(Handle h, long merchantId, long payoutId, long fen) {
        ledger.post(h, RELEASE, reference(payoutId), List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.RESERVED), -fen),
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), fen)));
    }

    /** The bank returned a completed payout: the money comes back to available. */
    void reverse(Handle h, long merchantId, long payoutId, long fen) {
        ledger.post(h, REVERSAL, reference(payoutId), List.of(
                Posting.of(Account.gateway(AccountKind.BANK_PAYOUTS), -fen),
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), fen)));
    }
}
