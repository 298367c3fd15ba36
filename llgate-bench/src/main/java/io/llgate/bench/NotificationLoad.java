package io.llgate.bench;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The notification engine alone: N state changes commit their notifications (each in its own
 * transaction, from several threads), and local receivers acknowledge. Reports how fast they are
 * delivered and the latency from commit to the first attempt's arrival, on one node or two.
 *
 * <p>Usage: {@code NotificationLoad [notifications] [nodes] [commits per second] [merchants on one host]};
 * without a rate (or with 0) the commits go as fast as they can (throughput), with one they are paced (latency
 * below saturation). Without a merchant count there are four merchants, each with a host of its own; with one,
 * that many merchants whose {@code notify_url}s all name one receiver (a platform and its sub-merchants).
 * H2 in memory unless {@code LLGATE_TEST_PG_URL} is set (two nodes need PostgreSQL). Exits non-zero when a
 * notification is lost, arrives twice, or is not recorded as delivered.
 */
public final class NotificationLoad {
    private static final int MERCHANT_HOSTS = 4;
    private static final int COMMITTERS = 8;
    private static final int WARM_UP = 500;

    private NotificationLoad() {
    }

    /** What a run measured, and what it found missing, doubled or unrecorded (all zero in a sound run). */
    record Result(boolean postgres, int nodes, int count, int warmUp, int rate, int merchants, int hosts,
                  double committedPerSecond,
                  long delivered, double deliveredPerSecond, double allSeconds, double drainedPerSecond,
                  double cpuMsPerNotification, Histogram latency, long lost, long doubled, long unrecorded) {
        boolean sound() {
            return lost == 0 && doubled == 0 && unrecorded == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int nodeCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int oneHost = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Result r = oneHost > 0 ? measure(count, WARM_UP, nodeCount, rate, oneHost, 1)
                : measure(count, WARM_UP, nodeCount, rate);
        System.out.printf("database: %s, nodes: %d, notifications: %d, merchants: %d, hosts: %d, rate: %s%n",
                r.postgres() ? "PostgreSQL" : "H2 (in memory)", r.nodes(), r.count(), r.merchants(), r.hosts(),
                r.rate() > 0 ? r.rate() + "/s" : "unpaced");
        System.out.printf("committed: %.0f/s; delivered: %d of %d, %.0f/s (all in %.1f s)%n",
                r.committedPerSecond(), r.delivered(), r.count(), r.deliveredPerSecond(), r.allSeconds());
        System.out.printf("CPU of this process (gateway, receivers, committers): %.3f ms per notification%n",
                r.cpuMsPerNotification());
        if (r.drainedPerSecond() > 0) {
            System.out.printf("after the last commit, the queue left drained at %.0f/s%n", r.drainedPerSecond());
        }
        System.out.printf("commit -> first attempt arrives ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                ms(r.latency(), 50), ms(r.latency(), 95), ms(r.latency(), 99), r.latency().getMaxValue() / 1000.0);
        System.out.printf("lost: %d, delivered twice: %d, not recorded as delivered: %d%n",
                r.lost(), r.doubled(), r.unrecorded());
        if (!r.sound()) {
            System.err.println("FAILED: a notification was lost, doubled or not recorded");
            System.exit(1);
        }
    }

    /** Four merchants, each with a host of its own. */
    static Result measure(int count, int warmUp, int nodeCount, int rate) throws Exception {
        return measure(count, warmUp, nodeCount, rate, MERCHANT_HOSTS, MERCHANT_HOSTS);
    }

    /**
     * Runs {@code warmUp} notifications, waits until they are delivered, then measures {@code count}; the
     * merchants take the hosts in turn, so with one host all of them share it.
     */
    static Result measure(int count, int warmUp, int nodeCount, int rate, int merchantCount, int hostCount)
            throws Exception {
        DatabaseSettings database = TestDatabases.fresh();
        if (nodeCount > 1 && !database.isPostgres()) {
            throw new IllegalArgumentException("several nodes share a database only on PostgreSQL: set LLGATE_TEST_PG_URL");
        }
        GatewaySettings settings = TestGateways.settings(database).withNotifyPolicy(NotifyPolicy.lianLian());
        List<Gateway> nodes = new ArrayList<>();
        List<NotificationReceiver> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(Gateway.start(settings));
            }
            Gateway first = nodes.get(0);
            List<Long> merchantIds = new ArrayList<>();
            for (int i = 0; i < merchantCount; i++) {
                merchantIds.add(first.merchants().find(TestMerchant.register(first, 0).oidPartner()).orElseThrow().id());
            }
            Map<Long, Long> committed = new ConcurrentHashMap<>();
            Map<Long, Long> arrived = new ConcurrentHashMap<>();
            // Every arrival of every notification, warm-up included, never cleared: a second arrival is a double.
            Map<Long, Integer> arrivals = new ConcurrentHashMap<>();
            for (int i = 0; i < hostCount; i++) {
                NotificationReceiver receiver = new NotificationReceiver();
                receiver.answer(r -> {
                    long id = Long.parseLong(r.header("X-LLGate-Notification-Id"));
                    arrived.putIfAbsent(id, System.nanoTime());
                    arrivals.merge(id, 1, Integer::sum);
                    return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
                });
                receivers.add(receiver);
            }
            String body = signedBody(first);

            Map<Long, Long> warm = new ConcurrentHashMap<>();
            run(first, merchantIds, body, receivers, warmUp, 0, warm);
            // Measure from an empty queue: wait until the warm-up is delivered.
            awaitArrivals(arrived, warm, 300);
            arrived.clear();

            long cpuStarted = Machine.processCpuNanos();
            long started = System.nanoTime();
            run(first, merchantIds, body, receivers, count, rate, committed);
            long commitsEnded = System.nanoTime();
            int leftAtLastCommit = count - arrived.size();
            awaitArrivals(arrived, committed, 300);
            long ended = System.nanoTime();
            double cpuMs = (Machine.processCpuNanos() - cpuStarted) / 1e6;
            double commitSeconds = (commitsEnded - started) / 1e9;
            double allSeconds = (ended - started) / 1e9;
            // The engine alone from a full queue: what was still queued when the committers stopped, over the time
            // it took to deliver; only meaningful when a good part was left.
            double drainedPerSecond = leftAtLastCommit >= count / 10
                    ? leftAtLastCommit / ((ended - commitsEnded) / 1e9) : 0;
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(300), 3);
            committed.forEach((id, at) -> {
                Long got = arrived.get(id);
                if (got != null) {
                    latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(got - at)));
                }
            });
            long delivered = committed.keySet().stream().filter(arrived::containsKey).count();
            long lost = (count - delivered) + warm.keySet().stream().filter(id -> !arrivals.containsKey(id)).count();
            long unrecorded = awaitRecorded(first, count + warmUp);
            long doubled = arrivals.values().stream().filter(n -> n > 1).count();
            return new Result(database.isPostgres(), nodeCount, count, warmUp, rate, merchantCount, hostCount,
                    count / commitSeconds,
                    delivered, count / allSeconds, allSeconds, drainedPerSecond, cpuMs / count, latency, lost, doubled, unrecorded);
        } finally {
            receivers.forEach(NotificationReceiver::close);
            nodes.forEach(Gateway::close);
        }
    }

    /**
     * Waits (up to {@code seconds}) until everything {@code expected} has {@code arrived}; counts first, so the wait
     * costs the machine nothing while many are still on their way.
     */
    static <K> void awaitArrivals(Map<K, ?> arrived, Map<K, ?> expected, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (arrived.size() >= expected.size() && arrived.keySet().containsAll(expected.keySet())) {
                return;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Waits (up to 30 s) until the gateway has recorded every acknowledged notification as delivered, and returns
     * how many of the {@code expected} are not; a delivery that arrived but is never recorded would be sent again.
     */
    static long awaitRecorded(Gateway node, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long recorded;
        do {
            recorded = node.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM notification WHERE status = 'DELIVERED'").mapTo(Long.class).one());
            if (recorded >= expected) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return Math.max(0, expected - recorded);
    }

    private static void run(Gateway node, List<Long> merchantIds, String body, List<NotificationReceiver> receivers,
                            int count, int rate, Map<Long, Long> committed) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService committers = Executors.newFixedThreadPool(COMMITTERS)) {
            for (int i = 0; i < count; i++) {
                int merchant = i % merchantIds.size();
                String url = receivers.get(merchant % receivers.size()).url();
                long merchantId = merchantIds.get(merchant);
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                committers.execute(() -> {
                    String reference = String.format("20261122%08d", sequence.incrementAndGet());
                    long id = node.jdbi().inTransaction(h -> node.notifier().enqueue(h, new OutgoingNotification(
                            merchantId, "INSTANT_PAYMENT", reference, "PO" + reference, "SUCCESS", url, body)));
                    committed.put(id, System.nanoTime());
                });
            }
        }
    }

    /** A real instant-payment notification body, signed once: the engine sends bodies, it does not sign them. */
    private static String signedBody(Gateway node) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", "201912300000123456");
        fields.put("no_order", "PO20240612000017");
        fields.put("dt_order", "20240612093015");
        fields.put("oid_paybill", "2024061200012345");
        fields.put("money_order", "1250.00");
        fields.put("result_pay", "SUCCESS");
        fields.put("settle_date", "20240612");
        fields.put("info_order", "供应商结算6月");
        return FlatJson.write(MessageSignature.sign(RsaKeys.generate(2048).getPrivate(), SignType.RSA, fields));
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
