package io.llgate.server.notify;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes, through {@link ClusterWakeUps}, that notifications were committed, and for which hosts:
 * after the commits, on its own connection, and once for all the commits made while the previous announcement
 * was being sent, so a busy node sends at most a couple of hundred {@code NOTIFY}s a second instead of one in
 * every transaction (each of which takes PostgreSQL's notification queue lock at commit). The announcement
 * follows every commit that asked for it, so no node misses a committed notification; at worst it claims it
 * a few milliseconds later.
 */
public final class ClusterAnnouncer implements AutoCloseable {
    /** The least time between two announcements: bounds their rate on a busy node, and what a wake-up may wait. */
    static final Duration SPACING = Duration.ofMillis(5);
    private static final Logger log = LoggerFactory.getLogger(ClusterAnnouncer.class);

    /** Hosts longer than this in all are announced as "every host": a NOTIFY payload holds under 8,000 bytes. */
    private static final int MAX_PAYLOAD_CHARS = 3_000;

    private final Jdbi jdbi;
    private final String node;
    private final AtomicBoolean due = new AtomicBoolean();
    /** The hosts committed for since the last announcement; with {@link #EVERY_HOST}, every host. */
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running = true;
    private final Thread sender;

    /** Any text that no host is: asks for a round over every host. */
    static final String EVERY_HOST = "*";

    public ClusterAnnouncer(Jdbi jdbi, String node) {
        this.jdbi = jdbi;
        this.node = node;
        this.sender = Thread.ofPlatform().name("llgate-notify-announce").daemon().start(this::run);
    }

    /** Asks for an announcement; call it after the commit of a notification for {@code host}. */
    public void announce(String host) {
        hosts.add(host);
        if (due.compareAndSet(false, true)) {
            signal.release();
        }
    }

    /** Asks the other nodes for a round over every host (an operator's resend may name any). */
    public void announceEveryHost() {
        announce(EVERY_HOST);
    }

    private void run() {
        while (running) {
            try {
                signal.tryAcquire(500, TimeUnit.MILLISECONDS);
                // Cleared before sending: a commit that asks after this point gets an announcement of its own.
                if (due.getAndSet(false)) {
                    List<String> named = List.copyOf(hosts);
                    hosts.removeAll(named);
                    // None left: an announcement sent since their commits named them already.
                    if (!named.isEmpty()) {
                        send(payload(node, named));
                        Thread.sleep(SPACING);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The node's name, then the hosts, one a line; only the node's name when they would not fit or any is "*". */
    static String payload(String node, List<String> named) {
        String text = String.join("\n", named);
        return named.contains(EVERY_HOST) || text.length() > MAX_PAYLOAD_CHARS ? node : node + "\n" + text;
    }

    private void send(String payload) {
        try {
            jdbi.useHandle(h -> ClusterWakeUps.announce(h, payload));
        } catch (RuntimeException e) {
            // The other nodes' polls find the notifications; only their latency suffers.
            log.warn("could not announce notifications to the other nodes ({})", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
