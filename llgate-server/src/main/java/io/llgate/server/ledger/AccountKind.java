package io.llgate.server.ledger;

/** The kinds of account of the ledger: three per merchant, and the gateway's own counterparts; each per currency. */
public enum AccountKind {
    /** Merchant funds that can be paid out ({@code amt_balance}). */
    AVAILABLE(true),
    /** Merchant funds received but not yet settled ({@code amt_unsettle}). */
    UNSETTLED(true),
    /** Merchant funds held for payouts and refunds in flight. */
    RESERVED(true),
    /** Money that entered the gateway from outside (top-ups); its balance is the negative of all funding. */
    FUNDING(false),
    /** Money that left through the bank channel to payees. */
    BANK_PAYOUTS(false),
    /** Money payers paid in through their banks (online banking); its balance is the negative of all receipts. */
    BANK_RECEIPTS(false),
    /** Fees merchants paid the gateway on payments received, less fees given back with refunds. */
    FEES(false),
    /** Money that went back to payers through their banks (refunds). */
    BANK_REFUNDS(false),
    /**
     * The gateway's currency position of exchange payments: yuan received from payers (CNY postings) against the
     * foreign currency credited to merchants (postings in that currency), and the reverse for their refunds.
     */
    EXCHANGE(false);

    private final boolean perMerchant;

    AccountKind(boolean perMerchant) {
        this.perMerchant = perMerchant;
    }

    public boolean perMerchant() {
        return perMerchant;
    }
}
