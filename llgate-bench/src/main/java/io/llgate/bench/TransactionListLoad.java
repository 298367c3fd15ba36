package io.llgate.bench;

import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.kernel.TransactionCursor;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The console's transaction list over a large history: seeds N transactions (payouts, online banking payments and
 * refunds of them, spread over 30 days among M merchants, several at each second), logs in to the console over
 * HTTP, and times warm renders of the first page, a filtered page (one merchant's successes), a search and a deep
 * keyset page (after the middle of the history), each of 50 rows; the admin API's JSON list beside them. A bare
 * {@code SELECT 1} round trip on the same database is timed just before and after each figure, as the reference.
 * H2 in memory unless {@code LLGATE_TEST_PG_URL} is set.
 *
 * <p>Usage: {@code TransactionListLoad [transactions] [merchants] [iterations]}.
 */
public final class TransactionListLoad {
    private static final int WARM_UP = 30;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern ROW = Pattern.compile("<tr data-ref=");

    private final Gateway gateway;
    private final DatabaseSettings database;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TransactionListLoad(Gateway gateway, DatabaseSettings database) {
        this.gateway = gateway;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int merchantCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        DatabaseSettings database = TestDatabases.fresh();
        GatewaySettings settings = TestGateways.settings(database);
        try (Gateway gateway = Gateway.start(settings)) {
            TransactionListLoad load = new TransactionListLoad(gateway, database);
            List<Long> merchants = new ArrayList<>();
            List<String> oids = new ArrayList<>();
            for (int i = 0; i < merchantCount; i++) {
                TestMerchant m = TestMerchant.register(gateway, 0);
                oids.add(m.oidPartner());
                merchants.add(gateway.jdbi().withHandle(h -> gateway.merchants().idOf(h, m.oidPartner()).orElseThrow()));
            }
            Instant newest = Instant.parse("2026-11-30T16:00:00Z");
            long seedStart = System.nanoTime();
            load.seed(transactions, merchants, newest);
            System.out.printf("database: %s; seeded %,d transactions for %d merchants in %.1f s%n",
                    database.isPostgres() ? "PostgreSQL" : "H2 (in memory)", transactions, merchantCount,
                    (System.nanoTime() - seedStart) / 1e9);
            System.out.printf("machine: %s; load average %s%n", Machine.description(), Machine.loadAverage());
            load.login();
            Instant middle = newest.minus(15, ChronoUnit.DAYS);
            String deep = new TransactionCursor(middle, "instant-payment", Long.MAX_VALUE).text();
            // An online banking payment half-way down (i % 20 == 17), which the next transaction refunds.
            String somePaybill = String.format("2026%012d", transactions / 2 / 20 * 20 + 17);
            System.out.printf("%-44s %8s %8s %8s   %s%n", "page (warm)", "p50 ms", "p95 ms", "max ms",
                    "SELECT 1 p50 / p95 ms, before | after");
            load.report("console: first page", "/console/transactions", iterations, 50);
            load.report("console: merchant + status=SUCCESS", "/console/transactions?merchant=" + oids.get(0)
                    + "&status=SUCCESS", iterations, 50);
            load.report("console: search by oid_paybill", "/console/transactions?q=" + somePaybill, iterations, 2);
            load.report("console: deep keyset page (half-way)", "/console/transactions?after=" + deep, iterations, 50);
            load.report("console: deep page, merchant + status", "/console/transactions?merchant=" + oids.get(0)
                    + "&status=SUCCESS&after=" + deep, iterations, 50);
            load.report("admin API JSON: first page", "/admin/transactions", iterations, 50);
            load.report("admin API JSON: deep keyset page", "/admin/transactions?after=" + deep, iterations, 50);
            System.out.printf("load average after: %s%n", Machine.loadAverage());
        }
    }

    /**
     * Writes the transactions straight into the products' tables, newest at {@code newest}, one every
     * (30 days / n) truncated to the second, so several share each second: 45% payouts, 45% online banking
     * payments, 10% refunds of those payments.
     */
    private void seed(int n, List<Long> merchants, Instant newest) {
        long spanMillis = Duration.ofDays(30).toMillis();
        gateway.jdbi().useTransaction(h -> {
            PreparedBatch payouts = h.prepareBatch("""
                    INSERT INTO instant_payment (merchant_id, no_order, oid_paybill, dt_order, money_order, flag_card,
                        payee_kind, card_hash, card_mask, card_sealed, acct_name_sealed, notify_url, status,
                        confirm_failures, created_at, updated_at)
                    VALUES (:m, :no, :paybill, '20261101120000', :amount, '0', 'PERSONAL', :no, '621700******1234',
                        'sealed', 'sealed', 'http://127.0.0.1:9/n', :status, 0, :at, :at)""");
            PreparedBatch orders = h.prepareBatch("""
                    INSERT INTO online_banking_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id,
                        busi_partner, name_goods, notify_url, charset_name, status, pay_token, expires_at,
                        created_at, updated_at)
                    VALUES (:m, :no, :paybill, '20261101120000', :amount, 'u1', '101001', 'goods',
                        'http://127.0.0.1:9/n', 'UTF-8', :status, :no, :at, :at, :at)""");
            PreparedBatch refunds = h.prepareBatch("""
                    INSERT INTO refund (merchant_id, no_refund, dt_refund, oid_refundno, money_refund, fee_refund,
                        from_unsettled, from_available, notify_url, status, product, order_id, no_order, oid_paybill,
                        dt_order, money_order, created_at, updated_at)
                    VALUES (:m, :no, '20261101120000', :paybill, :amount, 0, :amount, 0, 'http://127.0.0.1:9/n',
                        :status, 'ONLINE_BANKING', :i, :order, :orderPaybill, '20261101120000', :amount, :at, :at)""");
            for (int i = 0; i < n; i++) {
                Instant at = newest.minusMillis(spanMillis * i / n).truncatedTo(ChronoUnit.SECONDS);
                long merchant = merchants.get(i % merchants.size());
                String paybill = String.format("2026%012d", i);
                int kind = i % 20;
                if (kind < 9) {
                    payouts.bind("m", merchant).bind("no", "PO" + i).bind("paybill", paybill)
                            .bind("amount", 100 + i % 10_000).bind("status", i % 7 == 0 ? "FAILURE" : "SUCCESS")
                            .bind("at", at).add();
                } else if (kind < 18) {
                    orders.bind("m", merchant).bind("no", "OB" + i).bind("paybill", paybill)
                            .bind("amount", 100 + i % 10_000).bind("status", i % 5 == 0 ? "CLOSED" : "SUCCESS")
                            .bind("at", at).add();
                } else {
                    refunds.bind("m", merchant).bind("no", "RF" + i).bind("paybill", paybill).bind("amount", 50)
                            .bind("status", "SUCCESS").bind("i", i).bind("order", "OB" + (i - 1))
                            .bind("orderPaybill", String.format("2026%012d", i - 1)).bind("at", at).add();
                }
                if (i % 5_000 == 4_999) {
                    flush(payouts, orders, refunds);
                }
            }
            flush(payouts, orders, refunds);
        });
        if (database.isPostgres()) {
            // What autovacuum would do soon after a load this size; the planner needs the tables' statistics.
            gateway.jdbi().useHandle(h -> h.execute("ANALYZE"));
        }
    }

    private static void flush(PreparedBatch... batches) {
        for (PreparedBatch batch : batches) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /** Logs in to the console as a browser does: the login form's CSRF token, then the admin token. */
    private void login() throws Exception {
        String form = get("/console/login").body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the login form");
        }
        String body = "csrf=" + enc(csrf.group(1)) + "&token=" + enc(gateway.settings().adminToken())
                + "&actor=bench&next=" + enc("/console/transactions");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("login failed: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Times the page, which must show {@code expectedRows} rows: a page answering something else is not timed. */
    private void report(String name, String path, int iterations, int expectedRows) throws Exception {
        Histogram before = selectOne(iterations);
        Supplier<Integer> rows = () -> {
            try {
                HttpResponse<String> page = path.startsWith("/admin/")
                        ? http.send(HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                                .header("Authorization", "Bearer " + gateway.settings().adminToken()).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                        : get(path);
                if (page.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + page.statusCode() + ": " + page.body());
                }
                return path.startsWith("/admin/") ? page.body().split("\"ref\"").length - 1
                        : (int) ROW.matcher(page.body()).results().count();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        int shown = 0;
        for (int i = 0; i < WARM_UP; i++) {
            shown = rows.get();
        }
        if (shown != expectedRows) {
            throw new IllegalStateException(path + " showed " + shown + " rows, not " + expectedRows);
        }
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            rows.get();
            latency.recordValue((System.nanoTime() - start) / 1000);
        }
        Histogram after = selectOne(iterations);
        System.out.printf("%-44s %8.1f %8.1f %8.1f   %.2f / %.2f | %.2f / %.2f   (%d rows)%n", name, ms(latency, 50),
                ms(latency, 95), latency.getMaxValue() / 1000.0, ms(before, 50), ms(before, 95), ms(after, 50),
                ms(after, 95), shown);
    }

    /** Bare {@code SELECT 1} round trips on one connection of the same database. */
    private Histogram selectOne(int iterations) throws Exception {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            for (int i = 0; i < WARM_UP + iterations; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                if (i >= WARM_UP) {
                    h.recordValue((System.nanoTime() - start) / 1000);
                }
            }
        }
        return h;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
