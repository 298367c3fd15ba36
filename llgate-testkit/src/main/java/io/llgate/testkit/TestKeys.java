package io.llgate.testkit;

import io.llgate.protocol.RsaKeys;
import java.security.KeyPair;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RSA keys of sandboxes, made once per JVM in the background because a 2048-bit pair takes up to a second
 * here: one gateway key that every sandbox imports, and merchant key pairs, each lent to one running sandbox at a
 * time. A pair is reused only by a later sandbox, with its own gateway and database, so no two sandboxes running
 * together share a merchant key; new pairs are made as long as more sandboxes run at once, up to
 * {@link #MAX_PAIRS}. This is the testkit's only state shared across sandboxes, and it is immutable keys only.
 */
final class TestKeys {
    static final int MAX_PAIRS = 8;
    private static final int BITS = 2048;

    // One per JVM on purpose: the point is to pay for key generation once, not per test class.
    private static final TestKeys SHARED = new TestKeys();

    private final CompletableFuture<KeyPair> gateway;
    private final ExecutorService generator = Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
            Thread.ofPlatform().name("llgate-testkit-keys-", 0).daemon().factory());
    private final BlockingQueue<KeyPair> fresh = new LinkedBlockingQueue<>();
    private final Queue<KeyPair> returned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ordered = new AtomicInteger();

    private TestKeys() {
        // On a thread of its own, so the first sandbox's merchant pair is made alongside.
        gateway = CompletableFuture.supplyAsync(() -> RsaKeys.generate(BITS),
                runnable -> Thread.ofPlatform().name("llgate-testkit-gateway-key").daemon().start(runnable));
    }

    static TestKeys shared() {
        return SHARED;
    }

    /** The gateway key pair every sandbox in this JVM imports. */
    KeyPair gateway() {
        return gateway.join();
    }

    /**
     * A merchant key pair no running sandbox holds: one a stopped sandbox gave back, else a new one. A caller
     * that finds none ready orders one, so sandboxes starting together wait for one generation, not a queue.
     * Give it back when the sandbox stops.
     */
    KeyPair lend() {
        boolean orderedOne = false;
        while (true) {
            KeyPair pair = returned.poll();
            if (pair == null) {
                pair = fresh.poll();
            }
            if (pair != null) {
                return pair;
            }
            if (!orderedOne) {
                order();
                orderedOne = true;
            }
            try {
                pair = fresh.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a merchant key pair", e);
            }
            if (pair != null) {
                return pair;
            }
        }
    }

    void giveBack(KeyPair pair) {
        returned.add(pair);
    }

    /** Has one more pair made, until the cap; then callers wait for a pair to be given back. */
    private void order() {
        if (ordered.incrementAndGet() <= MAX_PAIRS) {
            generator.execute(() -> fresh.add(RsaKeys.generate(BITS)));
        }
    }
}
