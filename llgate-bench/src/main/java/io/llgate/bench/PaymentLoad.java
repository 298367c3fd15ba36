package io.llgate.bench;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.merchant.FeeRate;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.onlinebanking.OnlineBankingOrder;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.onlinebanking.PaymentRequest;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;

/**
 * Online banking payments of several merchants at once: how fast the gateway marks orders paid, posts their
 * receipts and fees to the ledger and commits their signed notifications when the payments are not all one
 * merchant's. Each merchant's payments lock its own unsettled balance; what they share is the gateway's own
 * accounts.
 *
 * <p>Usage: {@code PaymentLoad [orders] [merchants]}. Orders are paid in-process through
 * {@link OnlineBankingPayments#start} and {@link OnlineBankingPayments#complete} from {@value #PAYERS} virtual
 * threads, taking the merchants in turn; a warm-up as large as the measured run (at least {@value #WARM_UP} orders)
 * comes first. The run checks that every
 * order is paid, every notification acknowledged, and every merchant's unsettled balance is what it received less
 * its fees. H2 in memory unless {@code LLGATE_TEST_PG_URL} is set.
 */
public final class PaymentLoad {
    private static final int PAYERS = 8;
    /** The least warm-up; a larger run warms up with as many orders as it measures, so the JIT has done its work. */
    private static final int WARM_UP = 500;
    private static final int FEE_BASIS_POINTS = 25;
    private static final FeeRate FEE_RATE = new FeeRate(FEE_BASIS_POINTS);

    private final Gateway gateway;
    private final NotificationReceiver receiver;
    private final List<TestMerchant> merchants;
    private final List<Merchant> registered;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> expectedUnsettled = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** What a measured run of online banking payments found. */
    record Result(int orders, int merchants, double seconds, Histogram latency, double acknowledgedSeconds,
                  double cpuMillisEach) {
        double perSecond() {
            return orders / seconds;
        }
    }

    private PaymentLoad(Gateway gateway, NotificationReceiver receiver, List<TestMerchant> merchants) {
        this.gateway = gateway;
        this.receiver = receiver;
        this.merchants = merchants;
        this.registered = merchants.stream()
                .map(m -> gateway.merchants().find(m.oidPartner()).orElseThrow())
                .toList();
        merchants.forEach(m -> expectedUnsettled.put(m.oidPartner(), new AtomicLong()));
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int merchantCount = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (orders < 1 || merchantCount < 1) {
            throw new IllegalArgumentException("usage: PaymentLoad [orders >= 1] [merchants >= 1]");
        }
        measure(TestDatabases.fresh(), orders, Math.max(WARM_UP, orders), merchantCount);
    }

    /**
     * Pays {@code warmUp} orders, then {@code orders} measured, each run waiting until every notification is
     * acknowledged; throws when an order is not paid or a merchant's unsettled balance is not what it received less
     * its fees.
     */
    static Result measure(DatabaseSettings database, int orders, int warmUp, int merchantCount) throws Exception {
        GatewaySettings settings = TestGateways.settings(database).withNotifyPolicy(NotifyPolicy.lianLian());
        try (Gateway gateway = Gateway.start(settings); NotificationReceiver receiver = new NotificationReceiver()) {
            Books books = new Books(gateway);
            List<TestMerchant> merchants = new ArrayList<>();
            for (int i = 0; i < merchantCount; i++) {
                merchants.add(books.merchantWithFee(FEE_BASIS_POINTS));
            }
            PaymentLoad load = new PaymentLoad(gateway, receiver, merchants);
            receiver.answer(r -> {
                try {
                    load.acknowledged.add(FlatJson.parse(r.body()).get("no_order"));
                } catch (MalformedMessageException e) {
                    return new NotificationReceiver.Answer(500, "not a notification");
                }
                return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
            });
            System.out.printf("database: %s, orders: %,d, merchants: %d, payers: %d, fee rate: %d bp%n",
                    database.isPostgres() ? "PostgreSQL" : "H2 (in memory)", orders, merchantCount, PAYERS,
                    FEE_BASIS_POINTS);
            load.pay(warmUp, "warm-up");
            Result measured = load.pay(orders, "measured");
            load.checkBalances(books);
            return measured;
        }
    }

    private Result pay(int count, String label) throws InterruptedException {
        OnlineBankingPayments payments = gateway.onlineBanking();
        List<String> paid = new ArrayList<>();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        AtomicInteger next = new AtomicInteger();
        long cpuAtStart = Machine.processCpuNanos();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < PAYERS; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        int n = sequence.getAndIncrement();
                        Merchant merchant = registered.get(n % registered.size());
                        long money = 5_000 + n * 7_919L % 995_000;
                        PaymentRequest request = new PaymentRequest(String.format("PL%010d", n),
                                WireTime.dateTime(gateway.clock().instant()), money, "u_" + n % 5_000, "109001",
                                "羽毛球拍", Optional.empty(), receiver.url("/paid"), Optional.empty(), Optional.empty(),
                                Optional.of("203_0_113_7"), 60, Optional.empty(), Optional.empty(), "UTF-8");
                        long t0 = System.nanoTime();
                        OnlineBankingOrder order = payments.complete(payments.start(merchant, request).payToken(), true).order();
                        long t1 = System.nanoTime();
                        if (!order.status().resultPay().equals("SUCCESS")) {
                            throw new IllegalStateException("order not paid: " + order);
                        }
                        expectedUnsettled.get(merchant.oidPartner())
                                .addAndGet(money - FEE_RATE.feeOn(money));
                        synchronized (latency) {
                            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                        }
                        synchronized (paid) {
                            paid.add(order.noOrder());
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (paid.size() != count) {
            throw new IllegalStateException(label + ": " + paid.size() + " of " + count + " orders paid");
        }
        Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> acknowledged.containsAll(paid));
        double acknowledged = (System.nanoTime() - started) / 1e9;
        double cpuMillisEach = (Machine.processCpuNanos() - cpuAtStart) / 1e6 / count;
        System.out.printf("%s: %,d orders paid in %.1f s, %.0f/s; start + complete p50 %.1f, p95 %.1f, p99 %.1f ms; "
                        + "every notification acknowledged after %.1f s; process CPU %.2f ms an order%n", label, count,
                seconds, count / seconds, ms(latency, 50), ms(latency, 95), ms(latency, 99), acknowledged, cpuMillisEach);
        return new Result(count, registered.size(), seconds, latency, acknowledged, cpuMillisEach);
    }

    private void checkBalances(Books books) {
        for (TestMerchant merchant : merchants) {
            String unsettled = books.balances(merchant).get("amt_unsettle");
            String expected = Amounts.format(expectedUnsettled.get(merchant.oidPartner()).get());
            if (!unsettled.equals(expected)) {
                throw new IllegalStateException(merchant.oidPartner() + " has " + unsettled + " unsettled, not "
                        + expected);
            }
        }
        System.out.printf("every merchant's unsettled balance is what it received less its fees%n");
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
