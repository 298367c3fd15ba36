package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code llgate audit}: the console's audit log, as {@code GET /admin/audit} lists it. */
class AuditCommandTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void listsTheConsolesLoginsAndChanges() throws Exception {
        try (Gateway gateway = TestGateways.start()) {
            assertThat(Cli.admin(gateway, "audit").out()).contains("The console has changed nothing yet.");

            // A login over plain HTTP, as a browser makes it: the login form's token echoes its cookie.
            HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "llgate_console_login=" + csrf.group(1))
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&token="
                            + gateway.settings().adminToken() + "&actor=kim"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);

            Cli.Run audit = Cli.admin(gateway, "audit", "--limit", "5");
            assertThat(audit.exitCode()).isZero();
            assertThat(audit.out()).containsPattern("AT\\s+WHO\\s+SESSION\\s+FROM\\s+ACTION\\s+TARGET\\s+DETAIL")
                    .containsPattern("kim\\s+\\S+\\s+\\S+\\s+login\\s+console");
            assertThat(Cli.admin(gateway, "audit", "--limit", "0").exitCode()).isEqualTo(1);
        }
    }
}
