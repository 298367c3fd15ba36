package io.llgate.bench;

import io.llgate.protocol.FlatJson;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.ledger.Balances;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.jdbi.v3.core.Handle;

/**
 * End-to-end load: payouts applied over HTTP by concurrent merchants against an in-process gateway,
 * each paid by the sandbox bank and notified to a local receiver that acknowledges. Reports apply
 * throughput and latency, and the time from the apply reply to the notification's arrival.
 *
 * <p>Usage: {@code PayoutLoad [payouts] [concurrency] [rate] [jdbc-url user password]}; without a URL it runs on
 * in-memory H2, with {@code LLGATE_TEST_PG_URL} set it runs on a fresh PostgreSQL schema. Without a rate (or with 0)
 * each of {@code concurrency} merchants' clients sends its next payout as soon as the last is answered, which measures
 * the most the gateway takes. With a rate, payouts start at that many a second whatever the replies do, at most
 * {@code concurrency} in flight, and a payout's apply latency counts from when it was due to start, so a gateway
 * falling behind shows in the latency rather than slowing the load. Exits non-zero when a notification is lost,
 * arrives twice or is not recorded as delivered, or when a merchant's books do not add up.
 */
public final class PayoutLoad {
    private static final java.util.concurrent.atomic.AtomicLong CARDS = new java.util.concurrent.atomic.AtomicLong();
    /** The least warm-up; a larger run warms up with as many payouts as it measures, so the JIT has done its work. */
    private static final int WARM_UP = 200;
    private static final long FUNDED_FEN = 1_000_000_000L;

    private PayoutLoad() {
    }

    /** What a run measured, and what it found lost, doubled or wrong in the books (all zero in a sound run). */
    record Result(boolean postgres, int payouts, int warmUp, int concurrency, double rate, int failures, double seconds,
                  Histogram applyLatency, int notified, int replied, double drainedSeconds, Histogram notifyLatency,
                  long lost, long doubled, long unrecorded, List<String> wrongBalances, double cpuMillisEach) {
        double perSecond() {
            return payouts / seconds;
        }

        /** Payouts a second from the first apply to the last notification's arrival: applied, paid and notified. */
        double endToEndPerSecond() {
            return payouts / drainedSeconds;
        }

        boolean sound() {
            return lost == 0 && doubled == 0 && unrecorded == 0 && wrongBalances.isEmpty();
        }
    }

    public static void main(String[] args) throws Exception {
        int payouts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        DatabaseSettings database = args.length > 5 ? new DatabaseSettings(args[3], args[4], args[5])
                : TestDatabases.fresh();
        Result r = measure(database, payouts, Math.max(WARM_UP, payouts), concurrency, rate);
        System.out.printf("database: %s, payouts: %d after a warm-up of %d, concurrency: %d, offered: %s, refused or"
                        + " failed: %d%n", r.postgres() ? "PostgreSQL" : "H2 (in memory)", r.payouts(), r.warmUp(),
                r.concurrency(),
                r.rate() > 0 ? String.format("%.0f/s", r.rate()) : "as fast as answered", r.failures());
        System.out.printf("apply throughput: %.0f payouts/s (%.1f s)%n", r.perSecond(), r.seconds());
        System.out.printf("apply latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                ms(r.applyLatency(), 50), ms(r.applyLatency(), 95), ms(r.applyLatency(), 99),
                r.applyLatency().getMaxValue() / 1000.0);
        System.out.printf("notifications received: %d of %d; all delivered after %.1f s%n",
                r.notified(), r.replied(), r.drainedSeconds());
        System.out.printf("end to end (applied, paid and notified): %.0f payouts/s; process CPU %.1f ms a payout"
                + " (gateway, merchants' clients and receiver, apply to last notification)%n", r.endToEndPerSecond(),
                r.cpuMillisEach());
        System.out.printf("apply reply -> notification arrival ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                ms(r.notifyLatency(), 50), ms(r.notifyLatency(), 95), ms(r.notifyLatency(), 99),
                r.notifyLatency().getMaxValue() / 1000.0);
        System.out.printf("lost: %d, delivered twice: %d, not recorded as delivered: %d, wrong balances: %s%n",
                r.lost(), r.doubled(), r.unrecorded(), r.wrongBalances().isEmpty() ? "none" : r.wrongBalances());
        if (!r.sound()) {
            System.err.println("FAILED: a notification was lost, doubled or not recorded, or a balance is wrong");
            System.exit(1);
        }
    }

    /** Runs {@code warmUp} payouts, lets their notifications drain, then measures {@code payouts} unpaced. */
    static Result measure(DatabaseSettings database, int payouts, int warmUp, int concurrency) throws Exception {
        return measure(database, payouts, warmUp, concurrency, 0);
    }

    /**
     * Runs {@code warmUp} payouts, lets their notifications drain, then measures {@code payouts}, offered at
     * {@code rate} a second (both runs), or as fast as answered when {@code rate} is 0.
     */
    static Result measure(DatabaseSettings database, int payouts, int warmUp, int concurrency, double rate)
            throws Exception {
        GatewaySettings settings = TestGateways.settings(database)
                .withNotifyPolicy(NotifyPolicy.lianLian());
        try (Gateway gateway = Gateway.start(settings); NotificationReceiver receiver = new NotificationReceiver()) {
            List<TestMerchant> merchants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                merchants.add(TestMerchant.register(gateway, FUNDED_FEN));
            }
            Map<String, Long> replied = new ConcurrentHashMap<>();
            Map<String, Long> notified = new ConcurrentHashMap<>();
            // Every arrival per no_order, warm-up included, never cleared: a second arrival is a double.
            Map<String, Integer> arrivals = new ConcurrentHashMap<>();
            receiver.answer(r -> {
                String order;
                try {
                    order = FlatJson.parse(r.body()).get("no_order");
                } catch (Exception e) {
                    return new NotificationReceiver.Answer(500, "bad body");
                }
                notified.put(order, System.nanoTime());
                arrivals.merge(order, 1, Integer::sum);
                return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
            });

            Map<String, Long> warm = new ConcurrentHashMap<>();
            run(merchants, receiver, warmUp, concurrency, rate, warm, new Histogram(3));
            // Let the warm-up's notifications drain before measuring.
            NotificationLoad.awaitArrivals(notified, warm, 120);
            notified.clear();

            Histogram applyLatency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long cpuAtStart = Machine.processCpuNanos();
            long started = System.nanoTime();
            int failures = run(merchants, receiver, payouts, concurrency, rate, replied, applyLatency);
            double seconds = (System.nanoTime() - started) / 1e9;
            NotificationLoad.awaitArrivals(notified, replied, 120);
            double drained = (System.nanoTime() - started) / 1e9;
            double cpuMillisEach = (Machine.processCpuNanos() - cpuAtStart) / 1e6 / payouts;
            Histogram notifyLatency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            replied.forEach((order, at) -> {
                Long arrived = notified.get(order);
                if (arrived != null) {
                    notifyLatency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrived - at)));
                }
            });
            long lost = replied.keySet().stream().filter(o -> !notified.containsKey(o)).count()
                    + warm.keySet().stream().filter(o -> !arrivals.containsKey(o)).count();
            long doubled = arrivals.values().stream().filter(n -> n > 1).count();
            long unrecorded = NotificationLoad.awaitRecorded(gateway, replied.size() + warm.size());
            List<String> wrongBalances = wrongBalances(gateway, merchants);
            return new Result(database.isPostgres(), payouts, warmUp, concurrency, rate, failures, seconds, applyLatency,
                    notified.size(), replied.size(), drained, notifyLatency, lost, doubled, unrecorded, wrongBalances,
                    cpuMillisEach);
        }
    }

    /**
     * The merchants whose books do not add up: reserved must equal the payouts in flight, and available plus
     * reserved plus what was paid out must equal what the merchant was funded with.
     */
    private static List<String> wrongBalances(Gateway gateway, List<TestMerchant> merchants) {
        // Reading balances uses neither the clock nor the calendar.
        Ledger ledger = new Ledger(Clock.systemUTC(), BusinessCalendar.midnight());
        List<String> wrong = new ArrayList<>();
        gateway.jdbi().useHandle(h -> {
            for (TestMerchant merchant : merchants) {
                String oid = merchant.oidPartner();
                Balances b = ledger.balances(h, gateway.merchants().find(h, oid).orElseThrow().id());
                long inFlight = payoutSum(h, oid, "'PROCESSING', 'CHECK'");
                long paidOut = payoutSum(h, oid, "'SUCCESS'");
                if (b.reserved() != inFlight || b.available() + b.reserved() + paidOut != FUNDED_FEN) {
                    wrong.add(oid + ": available " + b.available() + ", reserved " + b.reserved() + ", in flight "
                            + inFlight + ", paid out " + paidOut + ", funded " + FUNDED_FEN);
                }
            }
        });
        return wrong;
    }

    private static long payoutSum(Handle h, String oid, String statuses) {
        return h.createQuery("SELECT COALESCE(SUM(p.money_order), 0) FROM instant_payment p JOIN merchant m "
                        + "ON m.id = p.merchant_id WHERE m.oid_partner = :oid AND p.status IN (" + statuses + ")")
                .bind("oid", oid).mapTo(Long.class).one();
    }

    private static int run(List<TestMerchant> merchants, NotificationReceiver receiver, int payouts, int concurrency,
                           double rate, Map<String, Long> replied, Histogram latency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        int[] failures = new int[1];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < payouts; i++) {
                TestMerchant merchant = merchants.get(i % merchants.size());
                // Distinct cards keep every payout clear of the duplicate-payee check.
                String card = String.format("62%014d9", CARDS.incrementAndGet());
                // Paced: the payout is due at its slot; unpaced: when a place in flight frees up.
                long due = rate > 0 ? start + (long) (i * 1e9 / rate) : 0;
                if (rate > 0) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        var request = merchant.payout(card, "1.00", receiver.url());
                        long t0 = rate > 0 ? due : System.nanoTime();
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
