package io.llgate.server.reference;

/**
 * What one card may pay with a product: per transaction, per day and per month, in whole yuan as the card BIN
 * and support bank queries write them (spec 14 §3a; {@value #UNLIMITED} stands for no limit, D16).
 */
public record Limits(long singleAmt, long dayAmt, long monthAmt) {
    /** The largest limit the wire can carry, written for "no limit". */
    public static final long UNLIMITED = 90_000_000L;

    public Limits {
        for (long amount : new long[] {singleAmt, dayAmt, monthAmt}) {
            if (amount < 1 || amount > UNLIMITED) {
                throw new IllegalArgumentException("a limit is a whole number of yuan from 1 to " + UNLIMITED + ": "
                        + amount);
            }
        }
    }
}
