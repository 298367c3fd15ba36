package io.llgate.server.http;

/**
 * A refusal of the admin or sandbox API, answered as {@code {"error": ...}} with an HTTP status; the console shows the
 * same refusal on its error page.
 */
public final class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
