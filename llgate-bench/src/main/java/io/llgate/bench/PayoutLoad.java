package io.llgate.bench;

import io.llgate.protocol.FlatJson;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end load: payouts applied over HTTP by concurrent merchants against an in-process gateway,
 * each paid by the sandbox bank and notified to a local receiver that acknowledges. Reports apply
 * throughput and latency, and the time from the apply reply to the notification's arrival.
 *
 * <p>Usage: {@code PayoutLoad [payouts] [concurrency] [jdbc-url user password]}; without a URL it runs on
 * in-memory H2, with {@code LLGATE_TEST_PG_URL} set it runs on a fresh PostgreSQL schema.
 */
public final class PayoutLoad {
    private static final java.util.concurrent.atomic.AtomicLong CARDS = new java.util.concurrent.atomic.AtomicLong();

    private PayoutLoad() {
    }

    public static void main(String[] args) throws Exception {
        int payouts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        DatabaseSettings database = args.length > 4 ? new DatabaseSettings(args[2], args[3], args[4])
                : TestDatabases.fresh();
        GatewaySettings settings = TestGateways.settings(database)
                .withNotifyPolicy(NotifyPolicy.lianLian());
        String dbName = database.isPostgres() ? "PostgreSQL" : "H2 (in memory)";

        try (Gateway gateway = Gateway.start(settings); NotificationReceiver receiver = new NotificationReceiver()) {
            List<TestMerchant> merchants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                merchants.add(TestMerchant.register(gateway, 1_000_000_000L));
            }
            Map<String, Long> replied = new ConcurrentHashMap<>();
            Map<String, Long> notified = new ConcurrentHashMap<>();
            receiver.answer(r -> {
                try {
                    notified.put(FlatJson.parse(r.body()).get("no_order"), System.nanoTime());
                } catch (Exception e) {
                    return new NotificationReceiver.Answer(500, "bad body");
                }
                return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
            });

            run(merchants, receiver, 200, concurrency, new ConcurrentHashMap<>(), new Histogram(3)); // warm-up
            Thread.sleep(Duration.ofSeconds(3)); // let the warm-up's notifications drain before measuring
            notified.clear();

            Histogram applyLatency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long started = System.nanoTime();
            int failures = run(merchants, receiver, payouts, concurrency, replied, applyLatency);
            double seconds = (System.nanoTime() - started) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (notified.keySet().containsAll(replied.keySet()) == false && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double drained = (System.nanoTime() - started) / 1e9;
            Histogram notifyLatency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            replied.forEach((order, at) -> {
                Long arrived = notified.get(order);
                if (arrived != null) {
                    notifyLatency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrived - at)));
                }
            });

            System.out.printf("database: %s, payouts: %d, concurrency: %d, refused or failed: %d%n",
                    dbName, payouts, concurrency, failures);
            System.out.printf("apply throughput: %.0f payouts/s (%.1f s)%n", payouts / seconds, seconds);
            System.out.printf("apply latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                    ms(applyLatency, 50), ms(applyLatency, 95), ms(applyLatency, 99), applyLatency.getMaxValue() / 1000.0);
            System.out.printf("notifications received: %d of %d; all delivered after %.1f s%n",
                    notified.size(), replied.size(), drained);
            System.out.printf("apply reply -> notification arrival ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                    ms(notifyLatency, 50), ms(notifyLatency, 95), ms(notifyLatency, 99),
                    notifyLatency.getMaxValue() / 1000.0);
        }
    }

    private static int run(List<TestMerchant> merchants, NotificationReceiver receiver, int payouts, int concurrency,
                           Map<String, Long> replied, Histogram latency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        int[] failures = new int[1];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < payouts; i++) {
                TestMerchant merchant = merchants.get(i % merchants.size());
                // Distinct cards keep every payout clear of the duplicate-payee check.
                String card = String.format("62%014d9", CARDS.incrementAndGet());
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        var request = merchant.payout(card, "1.00", receiver.url());
                        long t0 = System.nanoTime();
                        var reply = merchant.sealed("/paymentapi/payment.htm", request);
                        long t1 = System.nanoTime();
                        synchronized (latency) {
                            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                        }
                        if ("0000".equals(reply.retCode())) {
                            replied.put(request.get("no_order"), t1);
                        } else {
                            synchronized (failures) {
                                if (failures[0]++ < 3) {
                                    System.err.println("refused: " + reply.text());
                                }
                            }
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return failures[0];
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
