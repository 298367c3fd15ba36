package io.llgate.server.cli;

/** A failure the command explains in one line; it ends the command with exit code 1. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
