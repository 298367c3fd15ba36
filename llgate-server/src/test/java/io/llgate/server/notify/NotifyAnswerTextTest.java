package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.LogCapture;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A merchant endpoint answering text the database cannot store as it is (a NUL, which PostgreSQL refuses) still
 * has every attempt recorded and retried, the answer's head kept readable, and nothing logged as an error.
 */
class NotifyAnswerTextTest {

    @Test
    void answerHoldingANulIsRecordedAsAWrongBody() {
        try (Gateway gateway = TestGateways.start();
             NotificationReceiver nul = new NotificationReceiver();
             LogCapture log = LogCapture.start()) {
            nul.answer(r -> new NotificationReceiver.Answer(200, "{\"ret_code\":\"0000\u0000\",\"ret_msg\":\"\u0000ok\"}"));
            TestAdmin admin = new TestAdmin(gateway);

            Payouts.Applied payout = Payouts.pay(TestMerchant.register(gateway, 100_000), "5678", nul.url());

            long id = admin.awaitNotification(payout.noOrder());
            admin.awaitStatus(id, "EXHAUSTED");
            List<JsonNode> attempts = admin.attempts(id);
            assertThat(attempts).hasSize(gateway.settings().notifyPolicy().maxAttempts());
            assertThat(attempts).allSatisfy(a -> {
                assertThat(a.get("outcome").asText()).isEqualTo("WRONG_BODY");
                assertThat(a.get("response_head").asText()).isEqualTo("{\"ret_code\":\"0000\uFFFD\",\"ret_msg\":\"\uFFFDok\"}");
            });
            assertThat(log.errorsAndStackTraces()).isEmpty();
        }
    }
}
