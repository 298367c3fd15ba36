package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.bank.Payee;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.PayoutResult;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.bank.RefundResultListener;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox bank's workers settle in parallel: on H2, or PostgreSQL when {@code LLGATE_TEST_PG_URL} is set, every
 * transfer gets its results once, even with two nodes' workers on one database, and a transfer queued while no
 * worker runs waits for the next start.
 */
class SandboxBankSettlementTest {
    private Database database;
    private final List<SandboxBank> banks = new ArrayList<>();
    /** Every result each payout got, in order: a double settlement shows as a repeated result. */
    private final Map<String, List<PayoutResult>> results = new ConcurrentHashMap<>();
    private final PayoutResultListener listener = (h, reference, result) ->
            results.computeIfAbsent(reference, r -> Collections.synchronizedList(new ArrayList<>())).add(result);
    private final RefundResultListener refunds = (h, reference, returned) -> {
        throw new AssertionError("no refund was submitted");
    };

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.fresh());
    }

    @AfterEach
    void close() {
        banks.forEach(SandboxBank::close);
        database.close();
    }

    @Test
    void twoNodesOfFourWorkersSettleEveryTransferOnce() {
        SandboxBank first = bank();
        SandboxBank second = bank();
        first.start(listener, refunds);
        second.start(listener, refunds);

        List<String> references = submit(first, 400);

        await().atMost(Duration.ofSeconds(60)).until(() -> unsettled() == 0);
        assertEveryResultOnce(references);
    }

    @Test
    void transfersQueuedWhileNoWorkerRunsAreSettledOnceAfterTheNextStart() {
        SandboxBank stopped = bank();
        List<String> references = submit(stopped, 60);
        stopped.close();
        assertThat(unsettled()).isEqualTo(references.size());

        SandboxBank restarted = bank();
        restarted.start(listener, refunds);

        await().atMost(Duration.ofSeconds(60)).until(() -> unsettled() == 0);
        assertEveryResultOnce(references);
    }

    private SandboxBank bank() {
        SandboxBank bank = new SandboxBank(database.jdbi(), Clock.systemUTC(), Duration.ZERO, 4);
        banks.add(bank);
        return bank;
    }

    /** Payouts to cards ending 0001 (fail), 0003 (paid, then reversed) and 0009 (paid), in turn. */
    private List<String> submit(SandboxBank bank, int count) {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String reference = String.format("P%015d", i);
            String card = String.format("6222%08d000%d", i, new int[] {1, 3, 9}[i % 3]);
            database.jdbi().useTransaction(h -> bank.submitPayout(h,
                    new PayoutInstruction(reference, card, "张三", Payee.personal(), 100)));
            references.add(reference);
        }
        return references;
    }

    private long unsettled() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sandbox_bank_transfer WHERE status <> 'DONE'").mapTo(Long.class).one());
    }

    private void assertEveryResultOnce(List<String> references) {
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(references);
        for (int i = 0; i < references.size(); i++) {
            List<PayoutResult> expected = switch (i % 3) {
                case 0 -> List.of(PayoutResult.FAILURE);
                case 1 -> List.of(PayoutResult.SUCCESS, PayoutResult.REVERSED);
                default -> List.of(PayoutResult.SUCCESS);
            };
            assertThat(results.get(references.get(i))).as(references.get(i)).isEqualTo(expected);
        }
    }
}
