package io.llgate.server.kernel;

import java.util.function.IntSupplier;

/**
 * Periodic work of a product, run every second on each node and after the sandbox clock moves: closing what
 * expired. {@code run} answers how many transactions it changed; {@code done} says what they were, for the log.
 */
public record Sweep(String done, IntSupplier run) {
}
