package io.llgate.server.card;

/**
 * A credit card's CVV2, as the payer typed it: handed to the issuer and forgotten. It is never stored, logged or
 * echoed, not even sealed; its {@link #toString()} says so, so a slip into a log leaks nothing.
 */
public final class Cvv2 {
    private final String digits;

    Cvv2(String digits) {
        this.digits = digits;
    }

    /** The digits, for the issuer channel only. */
    public String digits() {
        return digits;
    }

    @Override
    public String toString() {
        return "Cvv2[***]";
    }
}
