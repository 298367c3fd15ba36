package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.client.Envelope;
import io.llgate.client.ExchangeApplied;
import io.llgate.client.ExchangePayment;
import io.llgate.client.ExchangeRequest;
import io.llgate.client.ExchangeVerification;
import io.llgate.client.LlGateClient;
import io.llgate.client.Refund;
import io.llgate.client.RefundRequest;
import io.llgate.client.RefundState;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.client.VerifiedMessage;
import io.llgate.client.notify.ExchangeNotification;
import io.llgate.protocol.WireTime;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An exchange payment merchant's day through the SDK: a USD order and a JPY order paid in yuan with the SMS code at
 * the sandbox's default rates (USD 7.1500, JPY 0.0480), notified, queried, one refunded in part; then the day ends and
 * the merchant's balance in each currency, the settlement and the day's report file show the amounts.
 */
@LlGateSandbox
class ExchangeSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    ExchangeSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    @Test
    void aUsdOrderAndAJpyOrderArePaidRefundedSettledAndReported() throws Exception {
        // The merchant pays 0.6% on what it receives.
        admin("PATCH", "/admin/merchants/" + sandbox.oidPartner(), "{\"fee_rate_bp\":60}");
        ExchangePayment usd = pay("USD", "45.00");
        assertThat(usd.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(usd.amounts().moneyPay()).isEqualByComparingTo("321.75");
        assertThat(usd.amounts().exchangeRate()).isEqualByComparingTo("7.15");
        assertThat(usd.amounts().currencySettle()).isEqualTo("USD");
        assertThat(usd.amounts().moneySettle()).isEqualByComparingTo("44.73");
        assertThat(usd.amounts().fee()).isEqualByComparingTo("0.27");

        ExchangePayment jpy = pay("JPY", "1500");
        assertThat(jpy.amounts().currencyOrder()).isEqualTo("JPY");
        assertThat(jpy.amounts().moneyOrder()).isEqualByComparingTo("1500");
        assertThat(jpy.amounts().moneyPay()).isEqualByComparingTo("72.00");
        // The fee in yen is whole yen: 0.6% of 1500 is 9.
        assertThat(jpy.amounts().moneySettle()).isEqualByComparingTo("1491");

        ExchangeNotification notified = sandbox.awaitExchangeNotification(usd.noOrder());
        assertThat(notified.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(notified.amounts()).isEqualTo(usd.amounts());
        assertThat(notified.settleDate()).isEqualTo(usd.settleDate());
        assertThat(sandbox.awaitExchangeNotification(jpy.noOrder()).amounts().moneyPay()).isEqualByComparingTo("72.00");

        ExchangePayment queried = client.exchange().query(jpy.noOrder());
        assertThat(queried.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(queried.amounts()).isEqualTo(jpy.amounts());
        assertThat(queried.oidPaybill()).isEqualTo(jpy.oidPaybill());

        // 10.00 of the 45.00 USD back to the payer: 71.50 yuan at the payment's rate; 0.06 of the fee comes back.
        Refund refund = client.refunds().apply(RefundRequest.builder()
                .noRefund("RFX" + NUMBERS.incrementAndGet())
                .dtRefund(LocalDateTime.now(WireTime.BEIJING))
                .moneyRefund("10.00")
                .noOrder(usd.noOrder())
                .notifyUrl(sandbox.notifyUrl())
                .build());
        assertThat(sandbox.refunds().awaitNotification(refund.noRefund(), RefundState.SUCCESS).moneyRefund())
                .isEqualTo("10.00");
        assertThat(balance("USD")).containsEntry("amt_unsettle", "34.79").containsEntry("amt_balance", "0.00");
        assertThat(balance("JPY")).containsEntry("amt_unsettle", "1491.00");

        // The day ends: settlement makes each currency's unsettled funds available, and the report lists both.
        sandbox.advanceClock(Duration.ofHours(25));
        Waiting.until(Sandbox.DEFAULT_WAIT, () -> Optional.of(balance("USD"))
                .filter(b -> b.get("amt_balance").equals("34.79")), () -> "USD was not settled: " + balance("USD"));
        assertThat(balance("USD")).containsEntry("amt_unsettle", "0.00");
        assertThat(balance("JPY")).containsEntry("amt_balance", "1491.00").containsEntry("amt_unsettle", "0.00");
        assertThat(balance("CNY")).containsEntry("amt_unsettle", "0.00");

        String settleDate = usd.settleDate().orElseThrow();
        JsonNode settlements = JSON.readTree(admin("GET", "/admin/settlements?merchant=" + sandbox.oidPartner(), null));
        assertThat(settlements.toString()).contains("USD").contains("JPY");

        admin("POST", "/admin/reports/generate", "{\"date\":\"" + settleDate + "\",\"merchant\":\""
                + sandbox.oidPartner() + "\"}");
        String report = admin("GET", "/admin/reports/JYMX_" + sandbox.oidPartner() + "_" + settleDate + ".txt", null);
        String usdLine = line(report, usd.oidPaybill(), "USD");
        assertThat(usdLine).contains("|USD|45.00|CNY|321.75|USD|44.73|7.1500|");
        assertThat(line(report, jpy.oidPaybill(), "JPY")).contains("|JPY|1500.00|CNY|72.00|JPY|1491.00|0.0480|");
        assertThat(report.lines().filter(l -> l.contains(usd.noOrder())).count()).as(report).isEqualTo(2);
        assertThat(report.lines().filter(l -> l.contains("|USD|-10.00|")).findFirst()).as(report).get().asString()
                .contains("|CNY|-71.50|USD|-9.94|7.1500|");
    }

    /** The report line of {@code oidPaybill} in {@code currency} with a positive amount: the payment's. */
    private static String line(String report, String oidPaybill, String currency) {
        return report.lines().filter(l -> l.contains(oidPaybill) && l.contains("|" + currency + "|")
                && !l.contains("|-")).findFirst().orElseThrow(() -> new AssertionError(
                "no line of " + oidPaybill + " in\n" + report));
    }

    /** {@code amt_balance} and {@code amt_unsettle} in {@code currency}, from {@code /traderAcctQuery.htm}. */
    private Map<String, String> balance(String currency) {
        VerifiedMessage reply = client.call("/traderAcctQuery.htm", Envelope.PLAIN,
                Map.of("api_version", "1.1", "currency", currency));
        return Map.of("amt_balance", reply.field("amt_balance").orElseThrow(),
                "amt_unsettle", reply.field("amt_unsettle").orElseThrow());
    }

    /** An operator's call of the admin API; answers the body of a 2xx answer. */
    private String admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.baseUri().resolve(path))
                .header("Authorization", "Bearer " + sandbox.adminToken())
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
            return answer.body();
        }
    }

    /** Applies for an order in {@code currency} and verifies the code texted to the payer. */
    private ExchangePayment pay(String currency, String amount) {
        String mobile = "137" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L);
        String user = "fx_" + NUMBERS.incrementAndGet();
        ExchangeRequest request = ExchangeRequest.builder()
                .userId(user)
                .noOrder("FX" + NUMBERS.incrementAndGet())
                .dtOrder(WireTime.dateTime(Instant.now()))
                .nameGoods("Wool scarf")
                .price(currency, amount)
                .notifyUrl(sandbox.notifyUrl())
                .riskItem(RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno(user).build())
                .card(TestCard.of(TestCard.Outcome.PAYS, false).card(mobile))
                .build();
        ExchangeApplied applied = client.exchange().apply(request);
        assertThat(applied.amounts().moneyPay()).isPositive().isEqualTo(applied.amounts().moneyOrder()
                .multiply(applied.amounts().exchangeRate()).setScale(2, java.math.RoundingMode.HALF_UP));
        return client.exchange().verify(ExchangeVerification.of(request, applied.token().orElseThrow(),
                sandbox.cards().latestSmsCode(mobile)));
    }
}
