package io.llgate.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.client.TestClients;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Copies of one notification arriving together, as after a network hiccup: one runs the callback. */
class ConcurrentCopiesTest {

    @Test
    void copiesHandledAtOnceRunTheCallbackOnce() throws Exception {
        byte[] body;
        NotificationVerifier verifier;
        try (Gateway gateway = TestGateways.start(); NotificationReceiver receiver = new NotificationReceiver()) {
            TestMerchant merchant = TestMerchant.register(gateway, 100_000);
            try (LlGateClient client = TestClients.of(gateway, merchant)) {
                client.instantPayments().apply(TestClients.payout("5678", receiver.url()).build());
                verifier = client.notificationVerifier();
            }
            body = receiver.await(1).get(0).body();
        }
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch othersAnswered = new CountDownLatch(7);
        NotificationHandler handler = NotificationHandler.builder(verifier, n -> {
            calls.incrementAndGet();
            // Hold the claim until every other copy has been answered, so they all meet it.
            othersAnswered.await(10, TimeUnit.SECONDS);
        }).build();
        List<Callable<NotificationResponse>> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(() -> {
                NotificationResponse response = handler.handle(body);
                if (response.outcome() != NotificationResponse.Outcome.PROCESSED) {
                    othersAnswered.countDown();
                }
                return response;
            });
        }

        List<NotificationResponse> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<NotificationResponse> response : pool.invokeAll(copies)) {
                responses.add(response.get());
            }
        }

        assertThat(calls).hasValue(1);
        assertThat(responses).extracting(NotificationResponse::outcome)
                .containsOnlyOnce(NotificationResponse.Outcome.PROCESSED)
                .containsOnly(NotificationResponse.Outcome.PROCESSED, NotificationResponse.Outcome.IN_PROGRESS);
        assertThat(responses).filteredOn(r -> !r.acknowledged()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("0000");
        });
        assertThat(handler.handle(body).outcome()).isEqualTo(NotificationResponse.Outcome.DUPLICATE);
        assertThat(handler.handle(body).body()).isEqualTo(NotificationHandler.ACKNOWLEDGEMENT);
    }
}
