package io.llgate.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * A merchant's accounts as its server and the operator see them over HTTP: balances, an order's
 * {@code settle_date}, the fee rate, refunds, a day's settlement, report files and reconciliation; and the sandbox
 * clock that ends business days.
 */
public final class Books {
    private static final AtomicLong REFUNDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Gateway gateway;
    private final TestAdmin admin;

    public Books(Gateway gateway) {
        this.gateway = gateway;
        this.admin = new TestAdmin(gateway);
    }

    /** A merchant with no balance paying {@code basisPoints} on payments it receives. */
    public TestMerchant merchantWithFee(int basisPoints) {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        TestAdmin.Response set = admin.patch("/admin/merchants/" + merchant.oidPartner(),
                "{\"fee_rate_bp\":" + basisPoints + "}");
        if (set.status() != 200) {
            throw new IllegalStateException("cannot set the fee rate: " + set.json());
        }
        return merchant;
    }

    /** {@code amt_balance} and {@code amt_unsettle} from {@code /traderAcctQuery.htm}. */
    public Map<String, String> balances(TestMerchant merchant) {
        TestMerchant.Reply reply = merchant.plain("/traderAcctQuery.htm",
                Map.of("oid_partner", merchant.oidPartner(), "api_version", "1.1"));
        return Map.of("amt_balance", reply.get("amt_balance"), "amt_unsettle", reply.get("amt_unsettle"));
    }

    /** An online banking order as {@code /llwalletapi/orderquery.htm} answers it. */
    public Map<String, String> order(TestMerchant merchant, String noOrder) {
        TestMerchant.Reply reply = merchant.plain("/llwalletapi/orderquery.htm",
                Map.of("oid_partner", merchant.oidPartner(), "no_order", noOrder));
        if (!"0000".equals(reply.retCode())) {
            throw new IllegalStateException("no order " + noOrder + ": " + reply.text());
        }
        return reply.fields();
    }

    /** Moves the sandbox clock forward ({@code P1DT5M}, ...) through {@code POST /sandbox/clock/advance}. */
    public void advance(String isoDuration) {
        TestAdmin.Response moved = admin.post("/sandbox/clock/advance", "{\"by\":\"" + isoDuration + "\"}");
        if (moved.status() != 200) {
            throw new IllegalStateException("cannot move the clock: " + moved.json());
        }
    }

    /**
     * Moves the sandbox clock to {@code seconds} after the end of the current business day: the day has ended,
     * but the automatic settlement still waits its minute.
     */
    public void advanceToJustAfterTheCutOff(long seconds) {
        Instant now = gateway.clock().instant();
        Instant end = gateway.settings().businessCalendar().end(gateway.settings().businessCalendar().businessDay(now));
        advance(Duration.between(now, end).plusSeconds(seconds).toString());
    }

    /** Refunds {@code amount} of a paid order through {@code /exchangerefund.htm} and waits until it succeeded. */
    public Map<String, String> refund(TestMerchant merchant, TestMerchant.PaidOrder order, String amount,
                                      String notifyUrl) {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", merchant.oidPartner());
        request.put("no_refund", "RF" + REFUNDS.incrementAndGet());
        request.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        request.put("money_refund", amount);
        request.put("no_order", order.noOrder());
        request.put("notify_url", notifyUrl);
        TestMerchant.Reply applied = merchant.plain("/exchangerefund.htm", request);
        if (!"0000".equals(applied.retCode())) {
            throw new IllegalStateException("the refund was refused: " + applied.text());
        }
        Map<String, String> query = Map.of("oid_partner", merchant.oidPartner(), "no_refund", request.get("no_refund"),
                "dt_refund", request.get("dt_refund"));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> "2".equals(merchant.plain("/refundquery.htm", query).get("sta_refund")));
        return merchant.plain("/refundquery.htm", query).fields();
    }

    /** Settles the business day {@code day} ({@code yyyyMMdd}) through {@code POST /admin/settlements/run}. */
    public void settle(String day) {
        TestAdmin.Response settled = admin.post("/admin/settlements/run", "{\"date\":\"" + day + "\"}");
        if (settled.status() != 200) {
            throw new IllegalStateException("cannot settle " + day + ": " + settled.json());
        }
    }

    /** Makes the merchant's report files of {@code day} through {@code POST /admin/reports/generate}. */
    public void generateReports(TestMerchant merchant, String day) {
        TestAdmin.Response generated = admin.post("/admin/reports/generate",
                "{\"date\":\"" + day + "\",\"merchant\":\"" + merchant.oidPartner() + "\"}");
        if (generated.status() != 200) {
            throw new IllegalStateException("cannot make the reports of " + day + ": " + generated.json());
        }
    }

    /** A report file ({@code JYMX_<oid_partner>_<day>.txt}, ...) as the operator downloads it. */
    public String report(String name) throws Exception {
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        gateway.baseUri().resolve("/admin/reports/" + name))
                .header("Authorization", "Bearer " + gateway.settings().adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (file.statusCode() != 200) {
            throw new IllegalStateException("no report " + name + ": " + file.statusCode() + " " + file.body());
        }
        return file.body();
    }

    /** Reconciliation of the merchant's {@code day}: the ledger against its report files. */
    public JsonNode reconciliation(TestMerchant merchant, String day) {
        return admin.get("/admin/reconciliation?date=" + day + "&merchant=" + merchant.oidPartner()).json();
    }
}
