package io.llgate.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The wait behind every {@code await} method: probe until something is found, or fail saying why not. */
final class Waiting {
    private Waiting() {
    }

    static <T> T until(Duration wait, Supplier<Optional<T>> probe, Supplier<String> failure) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + wait.toMillis() + " ms: " + failure.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
