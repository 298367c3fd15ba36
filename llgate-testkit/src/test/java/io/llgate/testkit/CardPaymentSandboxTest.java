package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.EasypayApplied;
import io.llgate.client.EasypayRequest;
import io.llgate.client.EasypayResult;
import io.llgate.client.EasypayVerification;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateReturnCodeException;
import io.llgate.client.ResultPay;
import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every test card pays or is refused as documented, through the SDK, the SMS inbox and the issuer's control. */
@LlGateSandbox
class CardPaymentSandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    CardPaymentSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    @ParameterizedTest
    @EnumSource(TestCard.class)
    void everyTestCardAnswersItsOutcome(TestCard card) {
        String mobile = newMobile();
        EasypayRequest request = order(card, mobile, "M");
        String code = card.outcome().retCode();
        if (card.outcome() == TestCard.Outcome.CVV2_123_ONLY) {
            EasypayRequest wrongCvv2 = order(io.llgate.client.EasypayCard.credit(card.cardNo(), TestCard.HOLDER_NAME,
                    TestCard.HOLDER_ID_NO, mobile, "1230", "321"), "M");
            assertRefused(() -> client.easypay().apply(wrongCvv2), code);
            assertThat(client.easypay().apply(request).token()).isPresent();
            return;
        }
        if (!code.equals("0000") && !code.equals("6001") && card.outcome() != TestCard.Outcome.PRE_AUTH_DECLINED) {
            assertRefused(() -> client.easypay().apply(request), code);
            return;
        }
        EasypayApplied applied = client.easypay().apply(request);
        EasypayVerification verification = EasypayVerification.of(request, applied.token().orElseThrow(),
                sandbox.cards().latestSmsCode(mobile));
        if (code.equals("6001")) {
            assertRefused(() -> client.easypay().verify(verification), code);
            return;
        }
        EasypayResult result = client.easypay().verify(verification);
        if (card.outcome() == TestCard.Outcome.BANK_TIMEOUT) {
            assertThat(result.resultPay()).isEqualTo(ResultPay.PROCESSING);
            sandbox.cards().resolveCharge(result.oidPaybill(), true);
            assertThat(sandbox.awaitNotification(request.noOrder()).resultPay()).isEqualTo(ResultPay.SUCCESS);
            return;
        }
        assertThat(result.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(result.noAgree()).isPresent();
        if (card.outcome() == TestCard.Outcome.PRE_AUTH_DECLINED) {
            String preAuthMobile = newMobile();
            EasypayRequest preAuth = order(card, preAuthMobile, "F");
            EasypayApplied authApplied = client.easypay().apply(preAuth);
            assertRefused(() -> client.easypay().verify(EasypayVerification.of(preAuth, authApplied.token().orElseThrow(),
                    sandbox.cards().latestSmsCode(preAuthMobile))), "1005");
        }
    }

    @Test
    void aPendingChargeDeclinedByTheIssuerFails() {
        String mobile = newMobile();
        EasypayRequest request = order(TestCard.of(TestCard.Outcome.BANK_TIMEOUT, true), mobile, "M");
        EasypayApplied applied = client.easypay().apply(request);
        EasypayResult pending = client.easypay().verify(EasypayVerification.of(request, applied.token().orElseThrow(),
                sandbox.cards().latestSmsCode(mobile)));
        sandbox.cards().resolveCharge(pending.oidPaybill(), false);
        assertThat(client.easypay().query(io.llgate.client.OnlineBankingQuery.byNoOrder(request.noOrder())).resultPay())
                .isEqualTo(ResultPay.FAILURE);
        assertThatThrownBy(() -> sandbox.cards().resolveCharge(pending.oidPaybill(), true)).isInstanceOf(IllegalStateException.class);
    }

    private EasypayRequest order(TestCard card, String mobile, String payType) {
        return order(card.card(mobile), payType);
    }

    private EasypayRequest order(io.llgate.client.EasypayCard card, String payType) {
        return EasypayRequest.builder()
                .userId("kit_" + NUMBERS.incrementAndGet())
                .noOrder("KIT" + NUMBERS.incrementAndGet())
                .dtOrder(WireTime.dateTime(Instant.now()))
                .nameGoods("保温杯")
                .moneyOrder("8.80")
                .notifyUrl(sandbox.notifyUrl())
                .riskItem("{\"frms_ware_category\":\"4007\"}")
                .payType(payType)
                .card(card)
                .build();
    }

    private static String newMobile() {
        return "136" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LlGateReturnCodeException.class,
                e -> assertThat(e.retCode()).isEqualTo(code));
    }
}
