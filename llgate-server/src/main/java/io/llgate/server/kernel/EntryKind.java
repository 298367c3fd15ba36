package io.llgate.server.kernel;

/**
 * What a ledger entry records, stored as its name. Each product declares the kinds its posting recipes use; the two
 * here are shared, because reconciliation compares them with every product's report rows.
 */
public record EntryKind(String name) {
    /** A payer paid a merchant through a bank: the amount less the fee becomes the merchant's unsettled funds. */
    public static final EntryKind PAYMENT_RECEIPT = new EntryKind("PAYMENT_RECEIPT");
    /** Money of a payment went back to its payer. */
    public static final EntryKind REFUND = new EntryKind("REFUND");

    public EntryKind {
        if (name == null || !name.matches("[A-Z][A-Z_]{0,31}")) {
            throw new IllegalArgumentException("an entry kind is an upper-case name of at most 32 letters: " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
