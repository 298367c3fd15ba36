package io.llgate.protocol;

/** A {@code pay_load} envelope that cannot be opened; the message says why without revealing secrets. */
public final class PayLoadException extends Exception {
    public PayLoadException(String message) {
        super(message);
    }
}
