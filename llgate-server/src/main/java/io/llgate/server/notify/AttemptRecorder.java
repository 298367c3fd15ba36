package io.llgate.server.notify;

import io.llgate.server.store.Columns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records finished attempts many at a time: whatever finished while the previous batch was being written goes
 * into the next transaction, as one JDBC batch of updates and one of inserts, so a busy node pays one commit
 * for many attempts and an idle one still records each at once. An attempt is recorded only while this node
 * holds its notification's lease, and at most once; one that is never recorded (the node died, the write
 * failed) leaves the lease to expire and the notification to be sent again.
 */
final class AttemptRecorder implements AutoCloseable {
    /** Attempts written in one transaction at most. */
    static final int MAX_BATCH = 256;
    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    /** A finished attempt waiting to be recorded. */
    record Finished(long notificationId, int attemptNo, Instant started, Delivery.Result result) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final NotifyPolicy policy;
    private final String node;
    /** Told of every attempt once it is recorded or given up, so the dispatcher may claim its notification again. */
    private final Consumer<Long> done;
    private final BlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private final Thread writer;

    AttemptRecorder(Jdbi jdbi, Clock clock, NotifyPolicy policy, String node, Consumer<Long> done) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.policy = policy;
        this.node = node;
        this.done = done;
        this.writer = Thread.ofPlatform().name("llgate-notify-record").daemon().start(this::run);
    }

    /** Queues an attempt's result; false once closed, when the lease brings the notification back instead. */
    boolean record(Finished finished) {
        if (!running) {
            return false;
        }
        queue.add(finished);
        return true;
    }

    private void run() {
        List<Finished> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Finished first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    write(batch);
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Finished> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> writeAll(h, batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                Finished f = batch.get(0);
                log.error("attempt {} of notification {} could not be recorded; the lease will expire and it is sent again",
                        f.attemptNo(), f.notificationId(), e);
            } else {
                // One bad row must not cost the others their record: write them one by one.
                log.warn("recording {} attempts together failed; recording them one by one", batch.size(), e);
                for (Finished f : batch) {
                    write(List.of(f));
                }
                return;
            }
        }
        batch.forEach(f -> done.accept(f.notificationId()));
    }

    /**
     * Moves each notification on, if this node still holds its lease, and inserts the attempt only for those it
     * moved: an attempt whose lease another node took over is not recorded, and that node's attempt is.
     */
    private void writeAll(Handle h, List<Finished> batch) {
        Instant now = clock.instant();
        PreparedBatch updates = h.prepareBatch("""
                UPDATE notification SET
                    attempts = :attemptNo,
                    status = CASE WHEN :acknowledged THEN 'DELIVERED'
                                  WHEN :attemptNo >= max_attempts THEN 'EXHAUSTED'
                                  ELSE 'PENDING' END,
                    next_attempt_at = :next,
                    delivered_at = CASE WHEN :acknowledged THEN :now ELSE delivered_at END,
                    lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE id = :id AND lease_owner = :node AND status = 'PENDING'""");
        for (Finished f : batch) {
            updates.bind("attemptNo", f.attemptNo())
                    .bind("acknowledged", f.result().outcome() == AttemptOutcome.ACKNOWLEDGED)
                    .bind("next", now.plus(policy.interval()))
                    .bind("now", now)
                    .bind("id", f.notificationId())
                    .bind("node", node)
                    .add();
        }
        int[] moved = updates.execute();
        PreparedBatch inserts = h.prepareBatch("""
                INSERT INTO notification_attempt (notification_id, attempt_no, node, started_at, duration_ms,
                                                  http_status, response_head, outcome, error)
                VALUES (:id, :attemptNo, :node, :started, :duration, :status, :head, :outcome, :error)""");
        int kept = 0;
        for (int i = 0; i < batch.size(); i++) {
            Finished f = batch.get(i);
            if (moved[i] == 0) {
                log.warn("attempt {} of notification {} not recorded: this node no longer holds its lease",
                        f.attemptNo(), f.notificationId());
                continue;
            }
            Delivery.Result result = f.result();
            inserts.bind("id", f.notificationId())
                    .bind("attemptNo", f.attemptNo())
                    .bind("node", node)
                    .bind("started", f.started())
                    .bind("duration", result.durationMs())
                    .bind("status", result.httpStatus())
                    .bind("head", Columns.shownText(result.answerHead()))
                    .bind("outcome", result.outcome().name())
                    .bind("error", Columns.shownText(result.error()))
                    .add();
            kept++;
        }
        if (kept > 0) {
            inserts.execute();
        }
    }

    /** Records what is queued, then stops; an attempt queued later is not recorded and its lease brings it back. */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    void close(Duration wait) {
        running = false;
        try {
            writer.join(wait.toMillis());
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
