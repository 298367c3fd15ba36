package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.client.PayoutRequest;
import io.llgate.protocol.Amounts;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@link ParallelIsolationATest} and {@link ParallelIsolationBTest} do, each in its own class: pay out, meet
 * the other class while both sandboxes run, then check that each saw only its own gateway, merchant, money and
 * notifications. They can meet only if JUnit runs them at the same time, as junit-platform.properties asks.
 */
final class ParallelClasses {
    static final long OPENING_FEN = 100_000;

    /** What one class's sandbox is. */
    private record Seen(String baseUri, String oidPartner, PublicKey merchantKey, String noOrder) {
    }

    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private ParallelClasses() {
    }

    static void payOutMeetTheOtherAndCheck(String name, Sandbox sandbox, LlGateClient client, String amount)
            throws InterruptedException, BrokenBarrierException {
        PayoutRequest request = Payouts.to("5678", sandbox.notifyUrl()).moneyOrder(amount).build();
        client.instantPayments().apply(request);
        sandbox.awaitNotification(request.noOrder());
        SEEN.put(name, new Seen(sandbox.baseUri().toString(), sandbox.oidPartner(),
                sandbox.merchantKeys().getPublic(), request.noOrder()));

        try {
            BOTH_RUNNING.await(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the other test class did not run at the same time: run both, with the "
                    + "testkit's junit-platform.properties (test classes in parallel)", e);
        }

        Seen mine = SEEN.get(name);
        Seen other = SEEN.entrySet().stream().filter(e -> !e.getKey().equals(name)).findFirst().orElseThrow().getValue();
        assertThat(other.baseUri()).isNotEqualTo(mine.baseUri());
        assertThat(other.oidPartner()).isNotEqualTo(mine.oidPartner());
        assertThat(other.merchantKey()).isNotEqualTo(mine.merchantKey());
        assertThat(client.balance().amtBalance()).isEqualTo(Amounts.format(OPENING_FEN - request.moneyOrderFen()));
        assertThat(sandbox.received()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.noOrder()).contains(mine.noOrder()));
        assertThat(sandbox.sentNotifications(other.noOrder())).isEmpty();
    }
}
