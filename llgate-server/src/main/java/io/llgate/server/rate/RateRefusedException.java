package io.llgate.server.rate;

/** A rate the table does not take, with the reason an operator reads; nothing was stored. */
public final class RateRefusedException extends RuntimeException {
    public RateRefusedException(String message) {
        super(message);
    }
}
