package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only HTTP 2xx with a JSON body whose ret_code is "0000" acknowledges a notification (01 §1, N2, N3);
 * every other answer is a failed attempt, retried, and recorded with what went wrong.
 */
class NotificationAcknowledgementTest {
    private static final int MAX_ATTEMPTS = 3;

    static Gateway gateway;
    static TestAdmin admin;

    TestMerchant merchant;
    NotificationReceiver receiver;
    final CountDownLatch testOver = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        NotifyPolicy quick = new NotifyPolicy(Duration.ofMillis(100), MAX_ATTEMPTS, Duration.ofSeconds(1), 8,
                Duration.ofMillis(100), 64);
        gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(quick));
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void newMerchant() {
        merchant = TestMerchant.register(gateway, 100_000);
        receiver = new NotificationReceiver();
    }

    @AfterEach
    void closeReceiver() {
        testOver.countDown();
        receiver.close();
    }

    @Test
    void acknowledgementWithAnyRetMsgAndContentTypeDeliversAtTheFirstAttempt() {
        receiver.answer(r -> new Answer(200, "{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\"}",
                Map.of("Content-Type", "text/html;charset=GBK")));
        long id = notificationFor(receiver.url());

        admin.awaitStatus(id, "DELIVERED");
        assertThat(admin.attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.get("outcome").asText()).isEqualTo("ACKNOWLEDGED"));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void http500IsAnHttpErrorEvenWithAnAcknowledgementBody() {
        receiver.answer(r -> new Answer(500, NotificationReceiver.ACK));

        List<JsonNode> attempts = exhaust(receiver.url());

        assertAllAttempts(attempts, AttemptOutcome.HTTP_ERROR, 500, NotificationReceiver.ACK);
        assertThat(receiver.received()).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void retCodeOtherThan0000IsAWrongBody() {
        receiver.answer(r -> new Answer(200, "{\"ret_code\":\"9999\"}"));

        assertAllAttempts(exhaust(receiver.url()), AttemptOutcome.WRONG_BODY, 200, "{\"ret_code\":\"9999\"}");
    }

    @Test
    void plainTextOkIsAWrongBody() {
        receiver.answer(r -> new Answer(200, "OK", Map.of("Content-Type", "text/plain")));

        assertAllAttempts(exhaust(receiver.url()), AttemptOutcome.WRONG_BODY, 200, "OK");
    }

    @Test
    void redirectIsNotFollowedEvenToAnAcknowledgingUrl() {
        receiver.answer(r -> r.path().equals("/acks")
                ? new Answer(200, NotificationReceiver.ACK)
                : new Answer(302, "", Map.of("Location", receiver.url("/acks"))));

        assertAllAttempts(exhaust(receiver.url("/redirects")), AttemptOutcome.HTTP_ERROR, 302, "");
        assertThat(receiver.received()).extracting(NotificationReceiver.Received::path)
                .containsOnly("/redirects").hasSize(MAX_ATTEMPTS);
    }

    @Test
    void answerLargerThan4KiBIsAWrongBodyEvenIfItSays0000() {
        String large = "{\"ret_code\":\"0000\",\"ret_msg\":\"" + "x".repeat(5000) + "\"}";
        receiver.answer(r -> new Answer(200, large));

        List<JsonNode> attempts = exhaust(receiver.url());

        assertThat(attempts).hasSize(MAX_ATTEMPTS).allSatisfy(a -> {
            assertThat(a.get("outcome").asText()).isEqualTo("WRONG_BODY");
            assertThat(large).startsWith(a.get("response_head").asText());
        });
    }

    @Test
    void closedPortIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        List<JsonNode> attempts = exhaust("http://127.0.0.1:" + closedPort + "/notify");

        assertThat(attempts).hasSize(MAX_ATTEMPTS).allSatisfy(a -> {
            assertThat(a.get("outcome").asText()).isEqualTo("CONNECTION_ERROR");
            assertThat(a.get("http_status").isNull()).isTrue();
            assertThat(a.get("error").asText()).isNotBlank();
        });
    }

    @Test
    void endpointThatHangsPastTheTimeoutIsATimeout() {
        receiver.answer(r -> NotificationReceiver.hangUntil(testOver));

        List<JsonNode> attempts = exhaust(receiver.url());

        assertThat(attempts).hasSize(MAX_ATTEMPTS).allSatisfy(a -> {
            assertThat(a.get("outcome").asText()).isEqualTo("TIMEOUT");
            assertThat(a.get("http_status").isNull()).isTrue();
        });
        assertThat(receiver.received()).hasSize(MAX_ATTEMPTS);
    }

    /** Pays out with the given notify_url and waits until every attempt has failed. */
    private List<JsonNode> exhaust(String url) {
        long id = notificationFor(url);
        admin.awaitStatus(id, "EXHAUSTED");
        List<JsonNode> attempts = admin.attempts(id);
        assertThat(attempts).extracting(a -> a.get("attempt_no").asInt()).containsExactly(1, 2, 3);
        return attempts;
    }

    private long notificationFor(String url) {
        return admin.awaitNotification(Payouts.pay(merchant, "5678", url).noOrder());
    }

    private static void assertAllAttempts(List<JsonNode> attempts, AttemptOutcome outcome, int httpStatus, String answer) {
        assertThat(attempts).hasSize(MAX_ATTEMPTS).allSatisfy(a -> {
            assertThat(a.get("outcome").asText()).isEqualTo(outcome.name());
            assertThat(a.get("http_status").asInt()).isEqualTo(httpStatus);
            assertThat(a.get("response_head").asText()).isEqualTo(answer);
        });
    }
}
