package io.llgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.onlinebanking.OnlineBankingOrder;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.onlinebanking.PaymentRequest;
import io.llgate.server.report.ReportFiles;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;

/**
 * A merchant's books at scale: a business day of paid online banking orders, refunds of every n-th of them over the
 * signed HTTP API, then the day's end as an operator runs it: settlement, the report files, the merchant's download
 * of the detail file, the monthly file and the reconciliation check. Every step's result is checked, so a wrong
 * answer fails the run instead of being timed.
 *
 * <p>Usage: {@code BooksLoad [orders] [refund every] [days]}. The orders are created in-process through
 * {@link OnlineBankingPayments#start} and {@link OnlineBankingPayments#complete}, which is what the cashier form and
 * the sandbox bank's answer call, without the payer's browser; refunds go over HTTP from {@value #REFUNDERS} virtual
 * threads. With several days, each is a business day of its own, so later days run on a longer history; the last
 * day is the last of its month. H2 in memory unless {@code LLGATE_TEST_PG_URL} is set.
 */
public final class BooksLoad {
    private static final int FEE_BASIS_POINTS = 25;
    private static final int CREATORS = 8;
    private static final int REFUNDERS = 8;
    /** How often a repeatable step (download, reconciliation, regeneration) is repeated after its first run. */
    private static final int REPEATS = 5;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

    private final Gateway gateway;
    private final NotificationReceiver receiver;
    private final TestAdmin admin;
    private final Books books;
    private final TestMerchant merchant;
    private final Merchant registered;
    private final Set<String> paid = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refundStates = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BooksLoad(Gateway gateway, NotificationReceiver receiver, TestMerchant merchant) {
        this.gateway = gateway;
        this.receiver = receiver;
        this.admin = new TestAdmin(gateway, STEP_TIMEOUT);
        this.books = new Books(gateway);
        this.merchant = merchant;
        this.registered = gateway.merchants().find(merchant.oidPartner()).orElseThrow();
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int refundEvery = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (orders < 1 || refundEvery < 1 || days < 1 || days > 28) {
            throw new IllegalArgumentException("usage: BooksLoad [orders >= 1] [refund every >= 1] [days 1..28]");
        }
        DatabaseSettings database = TestDatabases.fresh();
        GatewaySettings settings = TestGateways.settings(database).withNotifyPolicy(NotifyPolicy.lianLian());
        try (Gateway gateway = Gateway.start(settings); NotificationReceiver receiver = new NotificationReceiver()) {
            BusinessCalendar calendar = settings.businessCalendar();
            // The last day is the last of its month, so that its end also ends the month; the first starts now.
            LocalDate today = calendar.businessDay(gateway.clock().instant());
            LocalDate last = today.plusDays(days).with(TemporalAdjusters.lastDayOfMonth());
            LocalDate first = last.minusDays(days - 1);
            gateway.advanceClock(Duration.between(gateway.clock().instant(), calendar.end(first.minusDays(1)))
                    .plusSeconds(1));
            // Registered on the first day: the gateway writes no files for days before a merchant existed.
            BooksLoad load = new BooksLoad(gateway, receiver, new Books(gateway).merchantWithFee(FEE_BASIS_POINTS));
            receiver.answer(load::record);
            System.out.printf("database: %s, orders: %,d a day, refunds: 1 in %d (%,d a day), days: %d, "
                            + "fee rate: %d bp%n", database.isPostgres() ? "PostgreSQL" : "H2 (in memory)", orders,
                    refundEvery, orders / refundEvery, days, FEE_BASIS_POINTS);
            int lines = 1;
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                lines += load.day(day, d * orders, orders, refundEvery);
            }
            load.month(YearMonth.from(last), lines);
        }
    }

    /** One business day from its first order to its reconciliation; returns its detail lines (without the header). */
    private int day(LocalDate day, int offset, int orders, int refundEvery) throws InterruptedException {
        String settleDate = BusinessDays.format(day);
        System.out.printf("%nbusiness day %s%n", settleDate);

        List<OnlineBankingOrder> created = createOrders(offset, orders);
        List<OnlineBankingOrder> toRefund = new ArrayList<>();
        for (int i = refundEvery - 1; i < created.size(); i += refundEvery) {
            toRefund.add(created.get(i));
        }
        Map<String, Long> refunded = refund(toRefund);

        Map<String, String> before = books.balances(merchant);
        books.advanceToJustAfterTheCutOff(5);
        List<Step> steps = new ArrayList<>();

        long unsettled = fen(before.get("amt_unsettle"));
        long available = fen(before.get("amt_balance"));
        JsonNode settled = timed(steps, "settlement run (POST /admin/settlements/run)",
                () -> ok(admin.post("/admin/settlements/run", "{\"date\":\"" + settleDate + "\"}")));
        require(settled.get("count").asInt() == 1, "one settlement", settled);
        long amount = fen(settled.get("settled").get(0).get("amount").asText());
        require(amount == unsettled, "the settlement moves the unsettled balance " + Amounts.format(unsettled), settled);
        Map<String, String> after = books.balances(merchant);
        require(fen(after.get("amt_unsettle")) == 0 && fen(after.get("amt_balance")) == available + amount,
                "the settled amount is available", after);
        steps.get(steps.size() - 1).result = "1 settlement of " + Amounts.format(amount);

        String generate = "{\"date\":\"" + settleDate + "\",\"merchant\":\"" + merchant.oidPartner() + "\"}";
        JsonNode generated = timed(steps, "report generation, detail + summary (POST /admin/reports/generate)",
                () -> ok(admin.post("/admin/reports/generate", generate)));
        require(generated.get("created").asInt() == 2, "two files created", generated);
        JsonNode detailFile = fileNamed(generated, "JYMX_");
        steps.get(steps.size() - 1).result = String.format("%s: %,d bytes", detailFile.get("name").asText(),
                detailFile.get("size").asLong());
        repeat(steps, "report regeneration, unchanged", () -> {
            JsonNode again = ok(admin.post("/admin/reports/generate", generate));
            require(again.get("unchanged").asInt() == 2, "both files unchanged", again);
            return again;
        });

        int expectedLines = orders + refunded.size();
        String name = detailFile.get("name").asText();
        timed(steps, "merchant's download of the detail file (POST /report/download.htm)", () -> {
            Download file = download(name);
            require(file.sha256().equals(sha256(file.body())) && file.sha256().equals(detailFile.get("sha256").asText()),
                    "the downloaded bytes are the published file", file.sha256());
            long count = new String(file.body(), StandardCharsets.UTF_8).lines().count();
            require(count == expectedLines + 1, (expectedLines + 1) + " lines in the detail file", count + " lines");
            return file;
        });
        steps.get(steps.size() - 1).result = String.format("%,d lines", expectedLines + 1);
        repeat(steps, "download, again", () -> download(name));

        String query = "/admin/reconciliation?date=" + settleDate + "&merchant=" + merchant.oidPartner();
        JsonNode check = timed(steps, "reconciliation check (GET /admin/reconciliation)", () -> ok(admin.get(query)));
        JsonNode mine = check.get("merchants").get(0);
        require(check.get("difference_count").asInt() == 0, "no differences", check.get("difference_count"));
        require(mine.get("report_lines").asInt() == expectedLines && mine.get("order_rows").asInt() == expectedLines
                && mine.get("ledger_entries").asInt() == expectedLines, expectedLines + " on every side", mine);
        steps.get(steps.size() - 1).result = String.format("0 differences; %,d lines, rows and ledger entries",
                expectedLines);
        repeat(steps, "reconciliation, again", () -> ok(admin.get(query)));
        print(steps);
        return expectedLines;
    }

    /** The orders of the day, paid, through the online banking state machine; waits until their notifications arrived. */
    private List<OnlineBankingOrder> createOrders(int offset, int count) throws InterruptedException {
        OnlineBankingPayments payments = gateway.onlineBanking();
        OnlineBankingOrder[] created = new OnlineBankingOrder[count];
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < CREATORS; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String dtOrder = WireTime.dateTime(gateway.clock().instant());
                        // 50.00 to 9,999.99, spread so the refunds (half of each) have every fen ending.
                        long money = 5_000 + (offset + i) * 7_919L % 995_000;
                        PaymentRequest request = new PaymentRequest(String.format("BK%010d", offset + i), dtOrder, money,
                                "u_" + (offset + i) % 5_000, "109001", "羽毛球拍", Optional.of("订单 " + (offset + i)),
                                receiver.url("/paid"), Optional.empty(), Optional.empty(), Optional.of("203_0_113_7"), 60,
                                Optional.empty(), Optional.empty(), "UTF-8");
                        long t0 = System.nanoTime();
                        OnlineBankingOrder order = payments.complete(payments.start(registered, request).payToken(), true).order();
                        long t1 = System.nanoTime();
                        synchronized (latency) {
                            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                        }
                        created[i] = order;
                    }
                });
            }
        }
        double seconds = seconds(started);
        for (OnlineBankingOrder order : created) {
            require(order.status().resultPay().equals("SUCCESS"), "every order paid", order);
        }
        Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Arrays.stream(created).allMatch(o -> paid.contains(o.noOrder())));
        System.out.printf("orders paid in-process (start + complete, %d virtual threads): %,d in %.1f s, %.0f/s; "
                        + "p50 %.1f, p95 %.1f, p99 %.1f ms; all %,d payment notifications acknowledged after %.1f s%n",
                CREATORS, count, seconds, count / seconds, ms(latency, 50), ms(latency, 95), ms(latency, 99), count,
                seconds(started));
        return List.of(created);
    }

    /**
     * Refunds half of each order over the signed HTTP API from {@value #REFUNDERS} virtual threads, then waits until
     * every refund's notification says it succeeded. Returns the refunded amounts by {@code no_refund}.
     */
    private Map<String, Long> refund(List<OnlineBankingOrder> orders) throws InterruptedException {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        List<String> refused = new ArrayList<>();
        Semaphore inFlight = new Semaphore(REFUNDERS);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (OnlineBankingOrder order : orders) {
                long half = order.moneyOrder() / 2;
                // Fen 91 and 92 are the sandbox bank's refusal and hold; these refunds are meant to succeed.
                long amount = half % 100 == 91 || half % 100 == 92 ? half - 2 : half;
                LinkedHashMap<String, String> request = new LinkedHashMap<>();
                request.put("oid_partner", merchant.oidPartner());
                request.put("no_refund", "RF" + order.noOrder().substring(2));
                request.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
                request.put("money_refund", Amounts.format(amount));
                request.put("no_order", order.noOrder());
                request.put("dt_order", order.dtOrder());
                request.put("notify_url", receiver.url("/refunds"));
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        long t0 = System.nanoTime();
                        TestMerchant.Reply reply = merchant.plain("/exchangerefund.htm", request);
                        long t1 = System.nanoTime();
                        synchronized (latency) {
                            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                        }
                        if ("0000".equals(reply.retCode()) && reply.signatureValid()
                                && Set.of("1", "2").contains(reply.get("sta_refund"))) {
                            applied.put(request.get("no_refund"), amount);
                        } else {
                            synchronized (refused) {
                                refused.add(reply.text());
                            }
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = seconds(started);
        require(refused.isEmpty(), "every refund applied", refused.size() + " refused, first: "
                + refused.stream().findFirst().orElse(""));
        Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> applied.keySet().stream().allMatch(no -> "2".equals(refundStates.get(no))));
        System.out.printf("refunds applied over HTTP (/exchangerefund.htm, %d virtual threads): %,d in %.1f s, %.0f/s; "
                        + "apply p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms; all SUCCESS, notified, after %.1f s%n",
                REFUNDERS, orders.size(), seconds, orders.size() / seconds, ms(latency, 50), ms(latency, 95),
                ms(latency, 99), latency.getMaxValue() / 1000.0, seconds(started));
        return applied;
    }

    /** The month's detail file, written once its last day has ended, and checked against the days' lines. */
    private void month(YearMonth month, int expectedLines) {
        List<Step> steps = new ArrayList<>();
        String body = "{\"month\":\"" + BusinessDays.format(month) + "\",\"merchant\":\"" + merchant.oidPartner() + "\"}";
        JsonNode generated = timed(steps, "monthly file generation (POST /admin/reports/generate)",
                () -> ok(admin.post("/admin/reports/generate", body)));
        require(generated.get("created").asInt() == 1, "the monthly file created", generated);
        JsonNode file = generated.get("files").get(0);
        String name = file.get("name").asText();
        Download monthly = download(name);
        long count = new String(monthly.body(), StandardCharsets.UTF_8).lines().count();
        require(count == expectedLines, expectedLines + " lines in the monthly file", count + " lines");
        steps.get(0).result = String.format("%s: %,d bytes, %,d lines", name, file.get("size").asLong(), count);
        System.out.printf("%nmonth %s%n", BusinessDays.format(month));
        print(steps);
    }

    /** Counts each notification as the merchant's server would: the order paid, the refund's state. */
    private NotificationReceiver.Answer record(NotificationReceiver.Received r) {
        Map<String, String> fields;
        try {
            fields = FlatJson.parse(r.body());
        } catch (MalformedMessageException e) {
            return new NotificationReceiver.Answer(500, "bad body");
        }
        if (r.path().equals("/refunds")) {
            refundStates.merge(fields.get("no_refund"), fields.get("sta_refund"), (was, now) -> "2".equals(was) ? was : now);
        } else if ("SUCCESS".equals(fields.get("result_pay"))) {
            paid.add(fields.get("no_order"));
        }
        return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
    }

    private record Download(byte[] body, String sha256) {
    }

    /** The merchant's signed request for one of its report files, as its server sends it. */
    private Download download(String fileName) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/report/download.htm"))
                .timeout(STEP_TIMEOUT)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(FlatJson.write(merchant.sign(
                        Map.of("oid_partner", merchant.oidPartner(), "file_name", fileName)))))
                .build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        require(answer.statusCode() == 200, "the file", new String(answer.body(), StandardCharsets.UTF_8));
        return new Download(answer.body(), answer.headers().firstValue(ReportFiles.SHA256_HEADER).orElse(""));
    }

    /** One timed step of the day's end, its milliseconds and what it produced. */
    private static final class Step {
        final String name;
        final double ms;
        String result = "";

        Step(String name, double ms) {
            this.name = name;
            this.ms = ms;
        }
    }

    private static <T> T timed(List<Step> steps, String name, Supplier<T> action) {
        long t0 = System.nanoTime();
        T result = action.get();
        steps.add(new Step(name, (System.nanoTime() - t0) / 1e6));
        return result;
    }

    /** Runs a repeatable step {@value #REPEATS} more times and records the median. */
    private static void repeat(List<Step> steps, String name, Supplier<?> action) {
        double[] times = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            action.get();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        Step step = new Step(name, times[REPEATS / 2]);
        step.result = "median of " + REPEATS;
        steps.add(step);
    }

    private static void print(List<Step> steps) {
        for (Step s : steps) {
            System.out.printf("  %-72s %,10.0f ms  %s%n", s.name, s.ms, s.result);
        }
    }

    private static JsonNode ok(TestAdmin.Response response) {
        require(response.status() == 200, "200", response.status() + " " + response.json());
        return response.json();
    }

    /** The generated file whose name starts with {@code prefix} ({@code JYMX_} is the detail file, not the summary). */
    private static JsonNode fileNamed(JsonNode generated, String prefix) {
        for (JsonNode file : generated.get("files")) {
            if (file.get("name").asText().startsWith(prefix)) {
                return file;
            }
        }
        throw new IllegalStateException("no " + prefix + " file in " + generated);
    }

    /** Stops the run: a wrong result is a failure, not a figure. */
    private static void require(boolean holds, String expected, Object actual) {
        if (!holds) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }

    private static long fen(String amount) {
        try {
            return Amounts.parseBalanceFen(amount);
        } catch (FieldFormatException e) {
            throw new IllegalStateException("not an amount: " + amount, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
