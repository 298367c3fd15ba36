package io.llgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A merchant posting to a path the gateway does not serve gets a JSON 404, never text or HTML. */
class UnknownPathTest {
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    // The last value is what java.net.HttpURLConnection sends when the caller sets no Accept header.
    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"", "text/html", "application/json",
            "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"})
    void unknownPathIsAJson404(String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=utf-8");
        if (!accept.isEmpty()) {
            headers.put("Accept", accept);
        }
        byte[] body = "{\"oid_partner\":\"201912300000123456\",\"pay_load\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        Reply reply = ReplyChecks.writesNothing(gateway, () -> TestMerchant.send(gateway, "/nope.htm", body, headers));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.text()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        assertThat(reply.fields()).containsEntry("ret_code", ReplyChecks.ILLEGAL_MESSAGE.code())
                .containsEntry("ret_msg", ReplyChecks.ILLEGAL_MESSAGE.msg());
    }

    @Test
    void adminNotFoundKeepsItsOwnMessage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.baseUri().resolve("/admin/merchants/201900000000000404"))
                        .header("Authorization", "Bearer " + gateway.settings().adminToken())
                        .header("Accept", "text/html")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no merchant 201900000000000404\"}");
    }

    @Test
    void unknownAdminPathIsAnAdminJson404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.baseUri().resolve("/admin/nothing-here"))
                        .header("Authorization", "Bearer " + gateway.settings().adminToken())
                        .header("Accept", "text/html")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"error\":\"no endpoint GET /admin/nothing-here\"}");
    }
}
