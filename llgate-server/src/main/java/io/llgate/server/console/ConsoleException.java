package io.llgate.server.console;

/** A console request refused with a message for the operator: the page shows it with the HTTP status. */
public final class ConsoleException extends RuntimeException {
    private final int status;

    public ConsoleException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
