package io.llgate.server.console;

/** The console's error page: the refusal's HTTP status, its message, and where to go back to. */
public record ConsoleError(ConsoleFrame frame, int status, String message, String back) {
}
