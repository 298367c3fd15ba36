package io.llgate.protocol;

/** Key text that is not a readable RSA key of an accepted size. */
public final class InvalidKeyTextException extends IllegalArgumentException {
    public InvalidKeyTextException(String message) {
        super(message);
    }
}
