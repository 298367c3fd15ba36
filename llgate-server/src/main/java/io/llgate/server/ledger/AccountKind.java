package io.llgate.server.ledger;

/** The accounts of the ledger: three per merchant, and the gateway's own counterparts. */
public enum AccountKind {
    /** Merchant funds that can be paid out ({@code amt_balance}). */
    AVAILABLE(false, true),
    /** Merchant funds received but not yet settled ({@code amt_unsettle}). */
    UNSETTLED(false, true),
    /** Merchant funds held for payouts and refunds in flight. */
    RESERVED(false, true),
    /** Money that entered the gateway from outside (top-ups); its balance is the negative of all funding. */
    FUNDING(true, false),
    /** Money that left through the bank channel to payees. */
    BANK_PAYOUTS(true, false),
    /** Money payers paid in through their banks (online banking); its balance is the negative of all receipts. */
    BANK_RECEIPTS(true, false),
    /** Fees merchants paid the gateway on payments received, less fees given back with refunds. */
    FEES(true, false),
    /** Money that went back to payers through their banks (refunds). */
    BANK_REFUNDS(true, false);

    private final boolean mayGoNegative;
    private final boolean perMerchant;

    AccountKind(boolean mayGoNegative, boolean perMerchant) {
        this.mayGoNegative = mayGoNegative;
        this.perMerchant = perMerchant;
    }

    public boolean mayGoNegative() {
        return mayGoNegative;
    }

    public boolean perMerchant() {
        return perMerchant;
    }
}
