package io.llgate.server.sandbox;

import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.Payee;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.PayoutResult;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.bank.RefundInstruction;
import io.llgate.server.bank.RefundResultListener;
import io.llgate.server.store.Columns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic bank for the sandbox. The payee card number's last four digits choose the outcome:
 * {@code 0001} fails, {@code 0002} stays processing until resolved through the sandbox control,
 * {@code 0003} succeeds and is then reversed, {@code 0004} has a payee name the bank does not know,
 * anything else succeeds after the configured delay. A refund's amount chooses likewise: fen {@code 91}
 * (such as 10.91) fails, fen {@code 92} stays processing until resolved, anything else is returned to the
 * payer after the delay. Personal cards and corporate accounts ({@link Payee}) take the same outcomes: the sandbox
 * routes no branch, so it needs no {@code prcptcd}. Transfers are rows, so a restart loses none.
 *
 * <p>Several workers settle at once, each the transfers whose id falls in its share ({@code id % workers}), so a
 * burst of payouts is not paid one commit after another. Each transfer is still claimed with
 * {@code FOR UPDATE SKIP LOCKED} and settled in a transaction of its own, so another node's workers never settle it
 * twice.
 */
public final class SandboxBank implements BankChannel, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxBank.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** Enough to keep both cores busy while some workers wait on a commit; more only queue on the merchants' rows. */
    public static final int DEFAULT_WORKERS = 4;
    private static final int BATCH = 50;

    /** How a transfer will end, fixed when it is submitted. */
    enum Scenario { SUCCESS, FAILURE, HOLD, REVERSAL }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration delay;
    private final int workers;
    /** One per worker, each sleeping on its own: a new transfer wakes the worker whose share it is. */
    private final List<Semaphore> signals;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();
    private PayoutResultListener listener;
    private RefundResultListener refundListener;

    public SandboxBank(Jdbi jdbi, Clock clock, Duration delay) {
        this(jdbi, clock, delay, DEFAULT_WORKERS);
    }

    public SandboxBank(Jdbi jdbi, Clock clock, Duration delay, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("the sandbox bank needs at least one worker, not " + workers);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.delay = delay;
        this.workers = workers;
        this.signals = IntStream.range(0, workers).mapToObj(i -> new Semaphore(0)).toList();
    }

    @Override
    public boolean isSandbox() {
        return true;
    }

    @Override
    public PayeeCheck checkPayee(String cardNo, String acctName) {
        return cardNo.endsWith("0004") ? PayeeCheck.MISMATCH : PayeeCheck.MATCH;
    }

    @Override
    public void submitPayout(Handle h, PayoutInstruction instruction) {
        String card = instruction.cardNo();
        String suffix = card.substring(Math.max(0, card.length() - 4));
        Scenario scenario = switch (suffix) {
            case "0001" -> Scenario.FAILURE;
            case "0002" -> Scenario.HOLD;
            case "0003" -> Scenario.REVERSAL;
            default -> Scenario.SUCCESS;
        };
        queue(h, instruction.reference(), "PAYOUT", suffix, instruction.amountFen(), scenario);
    }

    @Override
    public void submitRefund(Handle h, RefundInstruction instruction) {
        Scenario scenario = switch ((int) (instruction.amountFen() % 100)) {
            case 91 -> Scenario.FAILURE;
            case 92 -> Scenario.HOLD;
            default -> Scenario.SUCCESS;
        };
        queue(h, instruction.reference(), "REFUND", "", instruction.amountFen(), scenario);
    }

    /** Writes the transfer in the caller's transaction; a worker looks at it once that commits. */
    private void queue(Handle h, String reference, String kind, String cardSuffix, long amount, Scenario scenario) {
        Instant now = clock.instant();
        long id = h.createUpdate("""
                INSERT INTO sandbox_bank_transfer (reference, kind, card_suffix, amount, scenario, status, due_at, created_at,
                    updated_at)
                VALUES (:ref, :kind, :suffix, :amount, :scenario, :status, :due, :now, :now)""")
                .bind("ref", reference)
                .bind("kind", kind)
                .bind("suffix", cardSuffix)
                .bind("amount", amount)
                .bind("scenario", scenario.name())
                .bind("status", scenario == Scenario.HOLD ? "HELD" : "QUEUED")
                .bind("due", scenario == Scenario.HOLD ? null : now.plus(delay))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        // Only the worker whose share it is: waking them all would have every other one look for nothing.
        h.afterCommit(() -> wake(id));
    }

    /**
     * Settles a transfer held by the sandbox ({@code 0002} cards, refunds of fen {@code 92}) as paid or failed.
     * Returns false when there is no held transfer with that reference.
     */
    public boolean resolve(String reference, boolean success) {
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE sandbox_bank_transfer SET scenario = :scenario, status = 'QUEUED', due_at = :now, updated_at = :now
                WHERE reference = :ref AND status = 'HELD'""")
                .bind("scenario", (success ? Scenario.SUCCESS : Scenario.FAILURE).name())
                .bind("now", clock.instant())
                .bind("ref", reference)
                .execute());
        wake();
        return changed == 1;
    }

    /**
     * A transfer the sandbox bank holds until someone resolves it: its kind ({@code PAYOUT} or {@code REFUND}),
     * reference, card suffix and amount in fen.
     */
    public record Held(String kind, String reference, String cardSuffix, long amount, Instant createdAt) {
    }

    /** The transfers held, oldest first, at most {@code limit}. */
    public List<Held> held(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT kind, reference, card_suffix, amount, created_at FROM sandbox_bank_transfer WHERE status = 'HELD'
                ORDER BY id LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Held(rs.getString("kind"), rs.getString("reference"), rs.getString("card_suffix"), rs.getLong("amount"),
                        Columns.instant(rs, "created_at")))
                .list());
    }

    /** Whether a transfer is held, waiting for {@link #resolve}. */
    public Optional<String> status(String reference) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM sandbox_bank_transfer WHERE reference = :ref")
                .bind("ref", reference)
                .mapTo(String.class)
                .findOne());
    }

    public synchronized void start(PayoutResultListener payoutResults, RefundResultListener refundResults) {
        this.listener = payoutResults;
        this.refundListener = refundResults;
        running = true;
        for (int share = 0; share < workers; share++) {
            int mine = share;
            threads.add(Thread.ofPlatform().name("llgate-sandbox-bank-" + share).daemon().start(() -> run(mine)));
        }
    }

    /** Wakes every worker, as after a change of the clock or a held transfer resolved. */
    public void wake() {
        signals.forEach(Semaphore::release);
    }

    private void wake(long transferId) {
        signals.get(share(transferId)).release();
    }

    private int share(long transferId) {
        return (int) Math.floorMod(transferId, (long) workers);
    }

    @Override
    public synchronized void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread worker : threads) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    private void run(int share) {
        Semaphore signal = signals.get(share);
        while (running) {
            try {
                while (running && processDue(share) == BATCH) {
                    // a full batch: more may be due; a transfer that falls due later wakes this worker
                }
                if (signal.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    // close() interrupted a database call; the transfer stays queued for the next start.
                    return;
                }
                log.error("sandbox bank failed to process transfers", e);
                sleepQuietly();
            }
        }
    }

    /**
     * Settles the due transfers of one worker's share, each in its own transaction with the effects of its result;
     * answers how many were due, at most a batch.
     */
    private int processDue(int share) {
        List<Long> due = jdbi.withHandle(h -> h.createQuery("""
                SELECT id FROM sandbox_bank_transfer WHERE status IN ('QUEUED', 'REVERSING') AND due_at <= :now
                  AND MOD(id, :workers) = :share
                ORDER BY due_at LIMIT :batch""")
                .bind("now", clock.instant())
                .bind("workers", workers)
                .bind("share", share)
                .bind("batch", BATCH)
                .mapTo(Long.class)
                .list());
        for (long id : due) {
            if (!running) {
                break;
            }
            try {
                jdbi.useTransaction(h -> settle(h, id));
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.error("sandbox bank transfer {} could not be settled; it stays queued", id, e);
            }
        }
        return due.size();
    }

    /** Settles one due transfer unless another worker or node holds it or settled it already. */
    private void settle(Handle h, long id) {
        Optional<Transfer> claimed = h.createQuery("""
                SELECT reference, kind, scenario, status FROM sandbox_bank_transfer
                WHERE id = :id AND status IN ('QUEUED', 'REVERSING') AND due_at <= :now FOR UPDATE SKIP LOCKED""")
                .bind("id", id)
                .bind("now", clock.instant())
                .map((rs, ctx) -> new Transfer(rs.getString("reference"), rs.getString("kind"),
                        Scenario.valueOf(rs.getString("scenario")), rs.getString("status")))
                .findOne();
        if (claimed.isEmpty()) {
            return;
        }
        Transfer t = claimed.get();
        Instant now = clock.instant();
        String nextStatus = "DONE";
        Instant nextDue = null;
        if (t.kind().equals("REFUND")) {
            refundListener.onRefundResult(h, t.reference(), t.scenario() != Scenario.FAILURE);
        } else if (t.status().equals("REVERSING")) {
            listener.onPayoutResult(h, t.reference(), PayoutResult.REVERSED);
        } else if (t.scenario() == Scenario.FAILURE) {
            listener.onPayoutResult(h, t.reference(), PayoutResult.FAILURE);
        } else {
            listener.onPayoutResult(h, t.reference(), PayoutResult.SUCCESS);
            if (t.scenario() == Scenario.REVERSAL) {
                nextStatus = "REVERSING";
                nextDue = now.plus(delay);
                h.afterCommit(() -> wake(id));
            }
        }
        h.createUpdate("UPDATE sandbox_bank_transfer SET status = :status, due_at = :due, updated_at = :now WHERE id = :id")
                .bind("status", nextStatus)
                .bind("due", nextDue)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    private record Transfer(String reference, String kind, Scenario scenario, String status) {
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
