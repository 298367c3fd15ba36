package io.llgate.server.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's settlement page shows the exchange rates in force, and the currencies without one. Read over plain
 * HTTP after a login as a browser makes it, so it runs where no Chromium is installed.
 */
class RateConsoleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theSettlementPageShowsTheRatesInForce() throws Exception {
        try (Gateway gateway = TestGateways.start()) {
            new TestAdmin(gateway).post("/admin/rates", "{\"currency\":\"USD\",\"rate\":\"7.2345\","
                    + "\"created_by\":\"treasury\"}");
            String rates = section(settlementPage(gateway));
            assertThat(rates).contains("<td data-label=\"Currency\">USD</td>")
                    .contains(">7.2345</td>").contains("treasury").contains(">0.0480</td>").doesNotContain("7.1500")
                    .doesNotContain("id=\"without-rate\"");
        }
    }

    @Test
    void aProductionPageSaysWhichCurrenciesHaveNoRate() throws Exception {
        try (Gateway gateway = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "prod-token"))) {
            // Only the yuan's own rate is in force: every other currency is refused.
            String yuanOnly = section(settlementPage(gateway));
            assertThat(yuanOnly).contains("<td data-label=\"Currency\">CNY</td>").contains(">1.0000</td>")
                    .contains("id=\"without-rate\"").contains("8006");
            new TestAdmin(gateway).post("/admin/rates", "{\"currency\":\"EUR\",\"rate\":\"7.8000\"}");
            String rates = section(settlementPage(gateway));
            assertThat(rates).contains(">7.8000</td>");
            assertThat(rates.substring(rates.indexOf("id=\"without-rate\""))).contains("USD")
                    .doesNotContain("EUR").doesNotContain("CNY");
        }
    }

    /** The exchange-rate section of a page. */
    private static String section(String html) {
        int start = html.indexOf("id=\"rates-h\"");
        assertThat(start).as("the page has an exchange-rate section").isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }

    /** Logs in to the console as a browser does and answers the settlement page's HTML. */
    private static String settlementPage(Gateway gateway) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "llgate_console_login=" + csrf.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&token="
                        + gateway.settings().adminToken() + "&actor=dana"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).toList());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUri() + "/console/settlement")).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }
}
