package io.llgate.server.notify;

import io.llgate.server.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries "a notification was queued" between the nodes of a cluster through PostgreSQL
 * {@code LISTEN/NOTIFY}, so whichever node commits, every dispatcher claims at once instead of at
 * its next poll. Polling stays as the fallback: a lost connection only costs latency.
 */
public final class ClusterWakeUps implements AutoCloseable {
    static final String CHANNEL = "llgate_notification";
    private static final Logger log = LoggerFactory.getLogger(ClusterWakeUps.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DatabaseSettings database;
    private final String node;
    private final Runnable wake;
    private final Consumer<String> wakeFor;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    /**
     * Listens for the other nodes' announcements: {@code wakeFor} gets each host they name, {@code wake} is run
     * for those that name none (every host); this node's own ({@code node}) are ignored, its dispatcher knows.
     */
    public ClusterWakeUps(DatabaseSettings database, String node, Runnable wake, Consumer<String> wakeFor) {
        this.database = database;
        this.node = node;
        this.wake = wake;
        this.wakeFor = wakeFor;
    }

    /** Announces due notifications to every node (see {@link ClusterAnnouncer#payload}); delivered at commit. */
    static void announce(Handle h, String payload) {
        h.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", CHANNEL)
                .bind("payload", payload)
                .mapTo(String.class)
                .findOne();
    }

    public synchronized void start() {
        running = true;
        listener = Thread.ofPlatform().name("llgate-notify-listen").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // Whatever was announced while we were not listening is found by this claim round.
                wake.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification announcement : received) {
                            heard(announcement.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("lost the notification channel ({}); polling until it is back", e.getMessage());
                    sleep();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void heard(String payload) {
        List<String> lines = List.of(payload.split("\n"));
        if (lines.get(0).equals(node)) {
            return;
        }
        if (lines.size() == 1) {
            wake.run();
        } else {
            lines.subList(1, lines.size()).forEach(wakeFor);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RECONNECT_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the notification channel", e);
            }
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
