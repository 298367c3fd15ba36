package io.llgate.server.console;

/** The console's start page until a section claims it: the sections, one line each. */
public record HomePage(ConsoleFrame frame) {
}
