package io.llgate.server.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /admin/rates} and {@code /sandbox/rates} over HTTP: the sandbox's default table, setting and scheduling
 * rates, a currency's history, every refusal writing nothing, and a production gateway that starts with no rate.
 */
class RateAdminTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final String NUL = "\\u0000";
    static Gateway gateway;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aSandboxStartsWithTheDocumentedDefaultTable() {
        TestAdmin.Response r = admin.get("/admin/rates?at=2020-01-01T00:00:00Z");
        assertThat(r.status()).isEqualTo(200);
        List<String> shown = new ArrayList<>();
        r.json().get("rates").forEach(rate -> shown.add(rate.get("currency").asText() + " " + rate.get("rate").asText()));
        assertThat(shown).containsExactly("AUD 4.7000", "CNY 1.0000", "DKK 1.0500", "EUR 7.8000", "GBP 9.1000",
                "HKD 0.9150", "JPY 0.0480", "NZD 4.3000", "SEK 0.6800", "SGD 5.3500", "USD 7.1500");
        assertThat(r.json().get("without_rate")).isEmpty();
        JsonNode eur = r.json().get("rates").get(3);
        assertThat(eur.get("valid_from").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(eur.get("valid_until").isNull()).isTrue();
        assertThat(eur.get("created_by").asText()).isEqualTo("sandbox defaults");
        assertThat(eur.get("id").asLong()).isPositive();
    }

    @Test
    void aRateSetReplacesTheOneInForceAndTheHistoryKeepsBoth() {
        JsonNode before = one(admin.get("/admin/rates?currency=GBP"));
        TestAdmin.Response set = admin.post("/admin/rates", "{\"currency\":\"GBP\",\"rate\":\"9.2500\","
                + "\"created_by\":\"treasury\"}");
        assertThat(set.status()).as(set.json().toString()).isEqualTo(201);
        assertThat(set.json().get("rate").asText()).isEqualTo("9.2500");
        assertThat(set.json().get("created_by").asText()).isEqualTo("treasury");
        long id = set.json().get("id").asLong();

        assertThat(one(admin.get("/admin/rates?currency=GBP")).get("id").asLong()).isEqualTo(id);
        JsonNode history = admin.get("/admin/rates?currency=GBP&history=true").json().get("rates");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(history.get(1).get("id").asLong()).isEqualTo(before.get("id").asLong());
        assertThat(history.get(1).get("valid_until").asText()).isEqualTo(set.json().get("valid_from").asText());
        assertThat(gateway.rates().byId(before.get("id").asLong()).orElseThrow().wire()).isEqualTo("9.1000");
    }

    @Test
    void aScheduledRateWaitsForItsWindow() {
        Instant from = gateway.clock().instant().plus(Duration.ofDays(30));
        Instant until = from.plus(Duration.ofDays(1));
        TestAdmin.Response set = admin.post("/admin/rates", "{\"currency\":\"NZD\",\"rate\":\"4.4\",\"valid_from\":\""
                + from + "\",\"valid_until\":\"" + until + "\"}");
        assertThat(set.status()).as(set.json().toString()).isEqualTo(201);
        assertThat(set.json().get("rate").asText()).isEqualTo("4.4000");
        assertThat(one(admin.get("/admin/rates?currency=NZD")).get("rate").asText()).isEqualTo("4.3000");
        assertThat(one(admin.get("/admin/rates?currency=NZD&at=" + from.plusSeconds(60))).get("rate").asText())
                .isEqualTo("4.4000");
        assertThat(one(admin.get("/admin/rates?currency=NZD&at=" + until)).get("rate").asText()).isEqualTo("4.3000");
    }

    static Stream<Arguments> refusedRates() {
        return Stream.of(
                refused("{\"rate\":\"7.1500\"}", "currency is required"),
                refused("{\"currency\":\"CHF\",\"rate\":\"7.1500\"}", "currency must be one of AUD, CNY"),
                refused("{\"currency\":\"usd\",\"rate\":\"7.1500\"}", "currency must be one of"),
                refused("{\"currency\":840,\"rate\":\"7.1500\"}", "currency must be a JSON string"),
                refused("{\"currency\":\"USD" + NUL + "\",\"rate\":\"7.1500\"}", "currency must not hold control"),
                refused("{\"currency\":\"USD\"}", "rate is required"),
                refused("{\"currency\":\"USD\",\"rate\":7.15}", "rate must be a JSON string"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.15005\"}", "has more than 4 decimals"),
                refused("{\"currency\":\"USD\",\"rate\":\"0.0000\"}", "rate must be above 0"),
                refused("{\"currency\":\"USD\",\"rate\":\"-7.15\"}", "rate must be a decimal number"),
                refused("{\"currency\":\"USD\",\"rate\":\"7,15\"}", "rate must be a decimal number"),
                refused("{\"currency\":\"USD\",\"rate\":\"" + "9".repeat(40) + "\"}", "rate is too long"),
                refused("{\"currency\":\"USD\",\"rate\":\"100001\"}", "rate must be at most 100000"),
                refused("{\"currency\":\"CNY\",\"rate\":\"1.0001\"}", "the CNY rate is always 1.0000"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"valid_from\":\"tomorrow\"}",
                        "valid_from must be an ISO-8601 instant"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"valid_from\":\"2001-01-01T00:00:00Z\"}",
                        "is in the past"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"valid_from\":\"2999-01-02T00:00:00Z\","
                        + "\"valid_until\":\"2999-01-01T00:00:00Z\"}", "must be after valid_from"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"valid_from\":\"+100000-01-01T00:00:00Z\"}",
                        "valid_from must be before the year 10000"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"valid_until\":\"+100000-01-01T00:00:00Z\"}",
                        "valid_until must be before the year 10000"),
                refused("{\"currency\":\"USD\",\"rate\":\"7.1500\",\"created_by\":\"" + "x".repeat(65) + "\"}",
                        "created_by is too long"),
                refused("{\"currency\":\"USD\",\"currency\":\"EUR\",\"rate\":\"7.1500\"}", "not valid JSON"),
                refused("[\"USD\",\"7.1500\"]", "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRates")
    void aRefusedRateWritesNothing(String body, String message) {
        List<Long> before = allIds();
        TestAdmin.Response r = admin.post("/admin/rates", body);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(message);
        assertThat(allIds()).isEqualTo(before);
    }

    @Test
    void badListParametersAreRefused() {
        assertThat(admin.get("/admin/rates?currency=CHF").json().get("error").asText()).contains("currency must be");
        assertThat(admin.get("/admin/rates?history=yes").status()).isEqualTo(400);
        assertThat(admin.get("/admin/rates?at=yesterday").json().get("error").asText()).contains("at must be");
        assertThat(admin.get("/admin/rates?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/admin/rates?history=true&at=2020-01-01T00:00:00Z").status()).isEqualTo(400);
    }

    @Test
    void theSandboxControlSetsARateFromNowOn() {
        TestAdmin.Response set = admin.post("/sandbox/rates", "{\"currency\":\"SGD\",\"rate\":\"5.4000\"}");
        assertThat(set.status()).as(set.json().toString()).isEqualTo(201);
        assertThat(set.json().get("created_by").asText()).isEqualTo("sandbox");
        assertThat(gateway.rates().at(Currency.getInstance("SGD"), gateway.clock().instant()).orElseThrow().wire())
                .isEqualTo("5.4000");

        List<Long> before = allIds();
        TestAdmin.Response later = admin.post("/sandbox/rates", "{\"currency\":\"SGD\",\"rate\":\"5.5000\","
                + "\"valid_from\":\"2999-01-01T00:00:00Z\"}");
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.json().get("error").asText()).contains("POST /admin/rates schedules one");
        assertThat(admin.post("/sandbox/rates", "{\"currency\":\"SGD\",\"rate\":\"5.12345\"}").status()).isEqualTo(400);
        assertThat(allIds()).isEqualTo(before);
    }

    @Test
    void aProductionGatewayStartsWithTheYuanOnlyAndHasNoSandboxControl() {
        try (Gateway production = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "prod-token"))) {
            TestAdmin operator = new TestAdmin(production);
            JsonNode listed = operator.get("/admin/rates").json();
            assertThat(listed.get("rates")).hasSize(1);
            assertThat(listed.get("rates").get(0).get("currency").asText()).isEqualTo("CNY");
            assertThat(listed.get("without_rate")).hasSize(10);
            assertThat(production.rates().at(USD, production.clock().instant())).isEmpty();
            assertThat(operator.post("/sandbox/rates", "{\"currency\":\"USD\",\"rate\":\"7.1500\"}").status())
                    .isEqualTo(404);

            TestAdmin.Response set = operator.post("/admin/rates", "{\"currency\":\"USD\",\"rate\":\"7.1500\"}");
            assertThat(set.status()).as(set.json().toString()).isEqualTo(201);
            assertThat(production.rates().at(USD, production.clock().instant()).orElseThrow().wire())
                    .isEqualTo("7.1500");
            assertThat(operator.get("/admin/rates").json().get("without_rate")).hasSize(9);
        }
    }

    private static JsonNode one(TestAdmin.Response r) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        assertThat(r.json().get("rates")).hasSize(1);
        return r.json().get("rates").get(0);
    }

    private static List<Long> allIds() {
        List<Long> ids = new ArrayList<>();
        admin.get("/admin/rates?history=true&limit=1000").json().get("rates").forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    private static Arguments refused(String body, String message) {
        return Arguments.of(body, message);
    }
}
