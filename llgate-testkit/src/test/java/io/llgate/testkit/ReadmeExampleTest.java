package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.client.PayoutRequest;
import io.llgate.client.ResultPay;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The README's testkit example, as written there, so that the README stays true. */
@LlGateSandbox(balance = "50000.00")
class ReadmeExampleTest {
    @Test
    void paysOut(Sandbox sandbox, LlGateClient client) {
        PayoutRequest request = PayoutRequest.builder()
                .noOrder("PO1").dtOrder(LocalDateTime.now(WireTime.BEIJING)).moneyOrder("12.34")
                .cardNo("6216610000012345678").acctName("李明").infoOrder("test").memo("test")
                .notifyUrl(sandbox.notifyUrl())
                .build();

        client.instantPayments().apply(request);

        assertThat(sandbox.awaitNotification("PO1").resultPay()).isEqualTo(ResultPay.SUCCESS);
    }
}
