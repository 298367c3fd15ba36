package io.llgate.protocol;

/** A field value that does not have the format the protocol requires. */
public final class FieldFormatException extends Exception {
    public FieldFormatException(String message) {
        super(message);
    }
}
