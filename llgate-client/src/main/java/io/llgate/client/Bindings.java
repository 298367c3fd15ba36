package io.llgate.client;

import java.util.List;

/**
 * A payer's bindings, spec 22 §6, newest first.
 *
 * @param count    how many bindings matched the query, counted before {@code offset}
 * @param bindings the bindings from {@code offset} on
 */
public record Bindings(String userId, int count, List<Binding> bindings, VerifiedMessage reply) {

    public Bindings {
        bindings = List.copyOf(bindings);
    }
}
