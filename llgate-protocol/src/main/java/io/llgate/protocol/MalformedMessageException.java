package io.llgate.protocol;

/** A request body that is not a single strict JSON object. */
public final class MalformedMessageException extends Exception {
    private final boolean empty;

    public MalformedMessageException(String message, boolean empty) {
        super(message);
        this.empty = empty;
    }

    /** Whether the body was empty or only whitespace, which some endpoints answer differently. */
    public boolean empty() {
        return empty;
    }
}
