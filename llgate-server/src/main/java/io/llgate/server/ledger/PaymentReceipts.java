package io.llgate.server.ledger;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.TransactionRef;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The posting recipe every product that takes payers' money shares (online banking today, card payments next): the
 * amount less the gateway's fee is the merchant's unsettled funds until settlement makes it available.
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
}
