package io.llgate.bench;

import io.llgate.protocol.RsaEngine;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every figure the performance targets name, each beside the limit it is held to, measured in the same run: the
 * references (OpenSSL's sign rate, bare loopback HTTP exchanges and their CPU, a bare commit loop) and short, warm
 * versions of the crypto, notification (4 hosts; 1, 8 and 200 merchants on one host, each the median of three runs
 * taken in turns; paced at 1,000/s), payout and online banking benchmarks, printed as one table, with the process's
 * memory after the payout run (the gateway, its merchants' clients and the notification receiver share the process).
 *
 * <p>Usage: {@code Summary [seconds per reference, default 5] [notifications, default 3000] [payouts, default 1000]
 * [online banking payments, default 3000]}; every load run is preceded by a warm-up as large as itself. H2 in memory
 * unless {@code LLGATE_TEST_PG_URL} is set.
 * Exits non-zero when a load run lost, doubled or failed to record a notification, or a balance is wrong.
 */
public final class Summary {
    /** Payouts run at the concurrency the target names; the references are measured there too. */
    private static final int CONCURRENCY = 32;
    private static final long MAX_EXCHANGES = 100_000;
    private static final long MAX_COMMITS = 100_000;
    /** Online banking payers are in-process, one merchant each, as {@code ./bench payments} runs them by default. */
    private static final int PAYMENT_MERCHANTS = 8;
    private static final long HEAP_TARGET_BYTES = 512L << 20;
    /** How many times each merchant count on one host is run; its row is the median. */
    private static final int ONE_HOST_ROUNDS = 3;

    private record Row(String figure, double value, String limit, double limitValue, String target, Boolean met) {
        static Row reference(String figure, double value) {
            return new Row(figure, value, "", Double.NaN, "", null);
        }
    }

    private Summary() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int notifications = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int payouts = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int payments = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        boolean postgres = TestDatabases.onPostgres();
        String db = postgres ? "PostgreSQL" : "H2 (in memory)";
        System.out.println("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.println("machine: " + Machine.description());
        System.out.println("database: " + db + "; load average at start: " + Machine.loadAverage());
        List<Row> rows = new ArrayList<>();

        // Crypto: half the reference time per figure, since there are eight figures and an OpenSSL run after each.
        int cryptoSeconds = Math.max(1, seconds / 2);
        System.out.println("RSA engine: " + RsaEngine.nativeProvider().description());
        progress("crypto, " + cryptoSeconds + " s per figure and per OpenSSL run");
        CryptoLoad.Result crypto = CryptoLoad.measure(cryptoSeconds);
        System.out.println("OpenSSL: " + OpenSslSpeed.version());
        rows.add(Row.reference("openssl speed rsa2048 sign/s, mean of " + crypto.opensslRuns() + " runs",
                crypto.opensslMean()));
        for (CryptoLoad.Figure f : crypto.figures()) {
            rows.add(new Row(f.what() + "/s, " + f.provider(), f.perSecond(), "openssl sign/s, same minute",
                    f.openssl(), "≥ 0.85×", f.ratio() >= 0.85));
        }

        System.out.println("HTTP receiver: " + LoopbackExchange.Server.RECEIVER.description()
                + "; Javalin: " + LoopbackExchange.Server.JAVALIN.description());
        progress("loopback HTTP exchanges, " + seconds + " s warm-up and " + seconds + " s per run");
        LoopbackExchange.Rate receiver1 = LoopbackExchange.measure(LoopbackExchange.Server.RECEIVER, 1, seconds, MAX_EXCHANGES);
        LoopbackExchange.Rate receiver8 = LoopbackExchange.measure(LoopbackExchange.Server.RECEIVER, 8, seconds, MAX_EXCHANGES);
        LoopbackExchange.Rate receiverN = LoopbackExchange.measure(LoopbackExchange.Server.RECEIVER, CONCURRENCY, seconds, MAX_EXCHANGES);
        LoopbackExchange.Rate javalin1 = LoopbackExchange.measure(LoopbackExchange.Server.JAVALIN, 1, seconds, MAX_EXCHANGES);
        LoopbackExchange.Rate javalinN = LoopbackExchange.measure(LoopbackExchange.Server.JAVALIN, CONCURRENCY, seconds, MAX_EXCHANGES);
        for (LoopbackExchange.Rate r : List.of(receiver1, receiver8, receiverN, javalin1, javalinN)) {
            rows.add(Row.reference("HTTP exchanges/s, " + r.server().label() + ", c=" + r.concurrency()
                    + (r.errors() > 0 ? " (" + r.errors() + " failed)" : ""),
                    r.perSecond()));
        }

        progress("bare commit loop on " + db + ", " + seconds + " s warm-up and " + seconds + " s per run");
        if (!postgres) {
            System.out.println("PostgreSQL commit loop skipped: LLGATE_TEST_PG_URL is not set (H2 runs instead)");
        }
        DatabaseSettings database = postgres
                ? new DatabaseSettings(System.getenv("LLGATE_TEST_PG_URL"), envOr("LLGATE_TEST_PG_USER", "postgres"),
                        envOr("LLGATE_TEST_PG_PASSWORD", ""))
                : DatabaseSettings.inMemory("commits_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        CommitLoop.Rate commits1 = CommitLoop.measure(database, 1, seconds, MAX_COMMITS);
        CommitLoop.Rate commitsN = CommitLoop.measure(database, CONCURRENCY, seconds, MAX_COMMITS);
        for (CommitLoop.Rate r : List.of(commits1, commitsN)) {
            rows.add(Row.reference((postgres ? "PostgreSQL" : "H2") + " commits/s (INSERT + COMMIT), c="
                    + r.concurrency(), r.perSecond()));
        }

        progress("notification engine alone, " + notifications + " after a warm-up of " + notifications);
        NotificationLoad.Result n = NotificationLoad.measure(notifications, notifications, 1, 0);
        String nFigure = "notifications delivered/s, " + notifications + ", 4 hosts, 1 node";
        rows.add(new Row(nFigure, n.deliveredPerSecond(), "HTTP exchanges/s, receiver, c=" + CONCURRENCY, receiverN.perSecond(),
                "≥ 3,000/s", n.deliveredPerSecond() >= 3000));
        rows.add(new Row("", n.deliveredPerSecond(), (postgres ? "PostgreSQL" : "H2") + " commits/s, c=" + CONCURRENCY, commitsN.perSecond(), "", null));
        if (n.drainedPerSecond() > 0) {
            rows.add(new Row("  the queue left after the last commit, drained/s", n.drainedPerSecond(),
                    "HTTP exchanges/s, receiver, c=" + CONCURRENCY, receiverN.perSecond(), "", null));
        }
        rows.add(new Row("  CPU µs of the process per notification", n.cpuMsPerNotification() * 1000,
                "CPU µs per exchange, receiver, c=" + CONCURRENCY, receiverN.cpuMicrosPerExchange(), "", null));
        List<NotificationLoad.Result> runs = new ArrayList<>(List.of(n));
        // Short runs on a shared machine drift by more than the spread they are to show: the three merchant counts
        // take turns, ONE_HOST_ROUNDS times, and each row is the median of its runs.
        List<Integer> merchantCounts = List.of(1, 8, 200);
        Map<Integer, List<Double>> rates = new TreeMap<>();
        for (int round = 1; round <= ONE_HOST_ROUNDS; round++) {
            for (int merchants : merchantCounts) {
                progress("notifications of " + merchants + " merchants on one host, round " + round + " of "
                        + ONE_HOST_ROUNDS + ", " + notifications + " after a warm-up of " + notifications);
                NotificationLoad.Result m = NotificationLoad.measure(notifications, notifications, 1, 0, merchants, 1);
                runs.add(m);
                rates.computeIfAbsent(merchants, k -> new ArrayList<>()).add(m.deliveredPerSecond());
            }
        }
        List<Double> oneHost = new ArrayList<>();
        for (int merchants : merchantCounts) {
            List<Double> sorted = rates.get(merchants).stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            oneHost.add(median);
            rows.add(new Row("notifications delivered/s, " + merchants + " merchant" + (merchants > 1 ? "s" : "")
                    + " on one host", median, "HTTP exchanges/s, receiver, c=8", receiver8.perSecond(), "", null));
            rows.add(new Row("  median of " + ONE_HOST_ROUNDS + "; slowest, fastest: " + number(sorted.get(0)) + ", "
                    + number(sorted.get(sorted.size() - 1)), Double.NaN, "", Double.NaN, "", null));
        }
        double spread = oneHost.stream().mapToDouble(Double::doubleValue).min().orElse(0)
                / oneHost.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        rows.add(new Row("  1, 8 and 200 merchants: slowest / fastest median", spread * 100, "%", 100, "≥ 90 %", spread >= 0.9));
        progress("notifications offered at 1,000/s, " + notifications + " after a warm-up of " + notifications);
        NotificationLoad.Result paced = NotificationLoad.measure(notifications, notifications, 1, 1000);
        runs.add(paced);
        double p99 = NotificationLoad.ms(paced.latency(), 99);
        rows.add(new Row("commit -> first attempt p99 ms at 1,000/s offered", p99, "HTTP exchange ms, receiver, c=1",
                1000 / receiver1.perSecond(), "≤ 20 ms", p99 <= 20));
        rows.add(new Row("  p50 ms (delivered " + number(paced.deliveredPerSecond()) + "/s)",
                NotificationLoad.ms(paced.latency(), 50), "", Double.NaN, "", null));

        progress("payouts end to end, " + payouts + " at c=" + CONCURRENCY + " after a warm-up of " + payouts);
        PayoutLoad.Result p = PayoutLoad.measure(TestDatabases.fresh(), payouts, payouts, CONCURRENCY);
        String pFigure = "payouts applied/s, " + payouts + ", c=" + CONCURRENCY + ", all notified";
        rows.add(new Row(pFigure, p.perSecond(), "HTTP exchanges/s, Javalin, c=" + CONCURRENCY, javalinN.perSecond(),
                "≥ 600/s", p.perSecond() >= 600));
        rows.add(new Row("", p.perSecond(), (postgres ? "PostgreSQL" : "H2") + " commits/s, c=" + CONCURRENCY, commitsN.perSecond(), "", null));
        rows.add(new Row("payouts/s end to end (apply to last notification)", p.endToEndPerSecond(),
                "notifications delivered/s", n.deliveredPerSecond(), "≥ 600/s", p.endToEndPerSecond() >= 600));
        // Right after the payout run, before anything collects its garbage on purpose.
        Machine.Memory memory = Machine.memory();
        rows.add(new Row("heap used after the payout run, MB", mb(memory.heapUsedBytes()), "heap max (-Xmx), MB",
                mb(memory.heapMaxBytes()), "≤ 512 MB", memory.heapMaxBytes() <= HEAP_TARGET_BYTES && p.sound()));
        rows.add(new Row("heap committed after the payout run, MB", mb(memory.heapCommittedBytes()), "heap max (-Xmx), MB",
                mb(memory.heapMaxBytes()), "", null));
        rows.add(new Row("process RSS after the payout run, MB", mb(memory.rssBytes()), "peak RSS (VmHWM), MB",
                mb(memory.peakRssBytes()), "", null));

        progress("online banking payments in-process, " + payments + " of " + PAYMENT_MERCHANTS
                + " merchants after a warm-up of " + payments);
        PaymentLoad.Result ob = PaymentLoad.measure(TestDatabases.fresh(), payments, payments, PAYMENT_MERCHANTS);
        String obFigure = "online banking payments/s, " + payments + ", " + PAYMENT_MERCHANTS + " payers";
        rows.add(new Row(obFigure, ob.perSecond(), (postgres ? "PostgreSQL" : "H2") + " commits/s, c=" + CONCURRENCY,
                commitsN.perSecond(), "≥ 600/s", ob.perSecond() >= 600));
        rows.add(new Row("", ob.perSecond(), "openssl sign/s (one sign each)", crypto.opensslMean(), "", null));

        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %10s  %-30s %10s %7s  %-9s %s%n",
                "figure", "value", "limit", "limit", "ratio", "target", "met");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-52s %10s  %-30s %10s %7s  %-9s %s%n", r.figure(), number(r.value()),
                    r.limit(), number(r.limitValue()),
                    Double.isNaN(r.limitValue()) || Double.isNaN(r.value()) ? "" : String.format(Locale.ROOT, "%.2f",
                            r.value() / r.limitValue()),
                    r.target(), r.met() == null ? "" : r.met() ? "yes" : "no");
        }
        System.out.printf(Locale.ROOT, "notification runs: lost %d, doubled %d, unrecorded %d; payout run: lost %d,"
                        + " doubled %d, unrecorded %d, refused %d, wrong balances %d%n",
                runs.stream().mapToLong(NotificationLoad.Result::lost).sum(),
                runs.stream().mapToLong(NotificationLoad.Result::doubled).sum(),
                runs.stream().mapToLong(NotificationLoad.Result::unrecorded).sum(),
                p.lost(), p.doubled(), p.unrecorded(), p.failures(), p.wrongBalances().size());
        System.out.printf(Locale.ROOT, "memory after the payout run: RSS %s MB (peak %s MB), heap used %s MB, committed %s MB,"
                        + " max %s MB; online banking run: every order paid and notified, every balance right%n",
                number(mb(memory.rssBytes())), number(mb(memory.peakRssBytes())), number(mb(memory.heapUsedBytes())),
                number(mb(memory.heapCommittedBytes())), number(mb(memory.heapMaxBytes())));
        System.out.println("load average at end: " + Machine.loadAverage());
        if (!runs.stream().allMatch(NotificationLoad.Result::sound) || !p.sound()) {
            System.err.println("FAILED: a notification was lost, doubled or not recorded, or a balance is wrong");
            System.exit(1);
        }
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        // Latencies under ten milliseconds keep their decimals; rates and sizes do not need them.
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%,.0f", value);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void progress(String step) {
        System.out.println("... " + step + " (load " + Machine.loadAverage() + ")");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
