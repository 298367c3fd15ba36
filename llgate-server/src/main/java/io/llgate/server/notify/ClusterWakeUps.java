package io.llgate.server.notify;

import io.llgate.server.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
    private final Runnable wake;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public ClusterWakeUps(DatabaseSettings database, Runnable wake) {
        this.database = database;
        this.wake = wake;
    }

    /** Announces due notifications to every node; PostgreSQL delivers it when the transaction commits. */
    public static void announce(Handle h) {
        h.execute("NOTIFY " + CHANNEL);
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
                    if (received != null && received.length > 0) {
                        wake.run();
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
