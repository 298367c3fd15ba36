package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.EasypayApplied;
import io.llgate.client.EasypayRequest;
import io.llgate.client.EasypayVerification;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateReturnCodeException;
import io.llgate.client.PreAuthQuery;
import io.llgate.client.PreAuthRequest;
import io.llgate.client.PreAuthState;
import io.llgate.protocol.WireTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@LlGateSandbox
class PreAuthorizationSandboxTest {
    private static final String GUEST = "kit_guest";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    PreAuthorizationSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    /** Authorizes 300.00 on the sandbox's ICBC test credit card through easypay's apply and verify. */
    private EasypayRequest authorize() {
        long n = NUMBERS.incrementAndGet();
        String mobile = "139" + String.format("%08d", n % 100_000_000L);
        EasypayRequest request = EasypayRequest.builder()
                .userId(GUEST)
                .noOrder("PA" + n)
                .dtOrder(WireTime.dateTime(sandbox.now()))
                .nameGoods("酒店押金")
                .moneyOrder("300.00")
                .notifyUrl(sandbox.notifyUrl())
                .riskItem("{\"frms_ware_category\":\"4007\"}")
                .payType("F")
                .card(TestCard.ICBC_CREDIT.card(mobile))
                .build();
        EasypayApplied applied = client.easypay().apply(request);
        client.easypay().verify(EasypayVerification.of(request, applied.token().orElseThrow(),
                sandbox.cards().latestSmsCode(mobile)));
        return request;
    }

    @Test
    void anAuthorizationNeverCapturedExpiresOnceTheClockPassesItsHold() {
        EasypayRequest apply = authorize();
        PreAuthQuery query = PreAuthQuery.byNoOrder(apply.noOrder(), apply.dtOrder());
        assertThat(client.preAuthorizations().query(query).state()).isEqualTo(PreAuthState.AUTHORIZED);

        sandbox.advancePastPreAuthorizationHold();

        assertThat(client.preAuthorizations().query(query).state()).isEqualTo(PreAuthState.EXPIRED);
        PreAuthRequest capture = PreAuthRequest.builder().userId(GUEST).noOrder(apply.noOrder())
                .dtOrder(apply.dtOrder()).moneyOrder("300.00").build();
        assertThatThrownBy(() -> client.preAuthorizations().capture(capture))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("2006"));
    }

    @Test
    void anAuthorizationIsCapturedThroughTheSdk() {
        EasypayRequest apply = authorize();
        var captured = client.preAuthorizations().capture(PreAuthRequest.builder().userId(GUEST)
                .noOrder(apply.noOrder()).dtOrder(apply.dtOrder()).moneyOrder("120.00").build());
        assertThat(captured.state()).isEqualTo(PreAuthState.CAPTURED);
        assertThat(captured.moneyOrderFen()).isEqualTo(120_00);
    }
}
