package io.llgate.server.bank;

import org.jdbi.v3.core.Handle;

/** The seam to the banks that move money; the sandbox bank is one implementation. */
public interface BankChannel extends Channel {

    @Override
    default String purpose() {
        return "bank";
    }

    /** Whether the bank knows the payee's name for this card; asked before a payout is created. */
    PayeeCheck checkPayee(String cardNo, String acctName);

    /**
     * Hands a payout to the bank inside the caller's transaction, so the hand-over commits or rolls
     * back with the order. The result arrives later through the {@link PayoutResultListener}.
     */
    void submitPayout(Handle h, PayoutInstruction instruction);

    /**
     * Asks the bank to return money of a payment to its payer, inside the caller's transaction. The
     * answer arrives later through the {@link RefundResultListener}.
     */
    void submitRefund(Handle h, RefundInstruction instruction);

    /** The bank's answer about the payee's name. */
    enum PayeeCheck { MATCH, MISMATCH }
}
