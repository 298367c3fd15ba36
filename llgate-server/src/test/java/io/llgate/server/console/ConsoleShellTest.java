package io.llgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.ConsoleBrowser;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.By;

/**
 * The console's shell in headless Chromium: login with the admin token, the session cookie, the CSRF token every
 * form carries, the idle timeout, logout, and the audit log of what the console did.
 */
class ConsoleShellTest {
    Gateway gateway;
    ConsoleBrowser console;

    @BeforeEach
    void start() {
        gateway = TestGateways.start();
        console = ConsoleBrowser.open(gateway);
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneOpensTheConsoleUntilLogout() {
        console.go("/console/audit").awaitUrl("/console/login");
        console.login("alice", "not-the-token");
        assertThat(console.text("login-error")).contains("Wrong admin token");

        console.login("alice").awaitUrl("/console/audit");
        console.go("/console");
        assertThat(console.text("nav-overview")).contains("概览").contains("Overview");
        assertThat(console.text("nav-transactions")).contains("交易").contains("Transactions");
        assertThat(console.has("nav-sandbox")).isTrue();
        assertThat(console.driver().manage().getCookieNamed("llgate_console").isHttpOnly()).isTrue();
        assertThat(console.driver().manage().getCookieNamed("llgate_console").getSameSite()).isEqualTo("Strict");

        console.click("logout").awaitUrl("/console/login");
        assertThat(console.text("logged-out")).contains("logged out");
        console.go("/console");
        assertThat(console.url()).contains("/console/login");

        var entries = new TestAdmin(gateway).get("/admin/audit").json().get("entries");
        assertThat(entries.get(0).get("action").asText()).isEqualTo("logout");
        assertThat(entries.get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(entries.get(1).get("action").asText()).isEqualTo("login");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() {
        console.login("bob").awaitUrl("/console");
        ((JavascriptExecutor) console.driver()).executeScript(
                "document.querySelector('input[name=csrf]').value = 'forged';");
        console.click("logout");
        assertThat(console.text("error-message")).contains("CSRF");
        // Still logged in: the forged logout did nothing.
        console.go("/console/audit");
        assertThat(console.url()).endsWith("/console/audit");
        assertThat(console.driver().findElement(By.id("audit")).getText()).doesNotContain("logout");
    }

    @Test
    void aConsoleLeftAloneLogsOutAfterTheIdleTimeout() {
        console.login("carol").awaitUrl("/console");
        gateway.advanceClock(ConsoleSessions.IDLE_TIMEOUT.plus(Duration.ofMinutes(1)));
        console.go("/console/audit");
        assertThat(console.url()).contains("/console/login").contains("next=%2Fconsole%2Faudit");
        console.login("carol").awaitUrl("/console/audit");
    }

    @Test
    void theSessionCookieIsSecureOnlyOverTls() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console").doesNotContain("Secure");
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        assertThat(plain.body()).doesNotContain("http://").doesNotContain("https://");
    }
}
