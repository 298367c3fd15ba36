package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.LlGateClient;
import io.llgate.client.PayoutApplyResult;
import io.llgate.client.PayoutQuery;
import io.llgate.client.PayoutRequest;
import io.llgate.client.ResultPay;
import io.llgate.client.notify.PaymentNotification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@LlGateSandbox(balance = "5000.00", notifyAttempts = 4, notifyIntervalMillis = 100, notifyTimeoutMillis = 1000)
class SandboxTest {
    private final Sandbox sandbox;

    SandboxTest(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Test
    void injectsAClientForTheSandboxMerchant(LlGateClient client, Sandbox same) {
        assertThat(same).isSameAs(sandbox);
        assertThat(client).isSameAs(sandbox.client());
        assertThat(client.oidPartner()).isEqualTo(sandbox.oidPartner()).matches("\\d{18}");
        assertThat(client.balance().amtBalanceFen()).isLessThanOrEqualTo(500_000);
    }

    @Test
    void capturesTheNotificationOfAPayout(LlGateClient client) {
        PayoutRequest request = Payouts.to("5678", sandbox.notifyUrl()).build();
        client.instantPayments().apply(request);

        PaymentNotification n = sandbox.awaitNotification(request.noOrder());

        assertThat(n.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(n.moneyOrder()).isEqualTo("100.00");
        ReceivedNotification received = sandbox.received().stream()
                .filter(r -> r.noOrder().orElse("").equals(request.noOrder())).findFirst().orElseThrow();
        assertThat(received.header("Content-Type")).contains("text/json;charset=utf-8");
        assertThat(received.attempt()).isEqualTo(1);
        assertThat(received.answerBody()).isEqualTo("{\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}");
        SentNotification sent = sandbox.awaitSentNotification(request.noOrder(),
                s -> s.status() == SentNotification.Status.DELIVERED);
        assertThat(sent.body()).isEqualTo(received.text());
        assertThat(received.notificationId()).contains(sent.id());
    }

    @Test
    void aReceiverToldToFailSeesEveryAttempt(LlGateClient client) {
        PayoutRequest request = Payouts.to("5678", sandbox.notifyUrl()).build();
        sandbox.receiver().failNext(2);
        try {
            client.instantPayments().apply(request);

            List<ReceivedNotification> attempts = sandbox.awaitAttempts(request.noOrder(), 3);
            SentNotification sent = sandbox.awaitSentNotification(request.noOrder(),
                    s -> s.status() == SentNotification.Status.DELIVERED);

            assertThat(attempts).extracting(ReceivedNotification::attempt).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(ReceivedNotification::answerStatus).containsExactly(500, 500, 200);
            assertThat(sent.attempts()).extracting(SentNotification.Attempt::outcome).containsExactly(
                    SentNotification.Outcome.HTTP_ERROR, SentNotification.Outcome.HTTP_ERROR,
                    SentNotification.Outcome.ACKNOWLEDGED);
        } finally {
            sandbox.receiver().acknowledge();
        }
    }

    @Test
    void aSlowOrWrongAnswerIsNoAcknowledgement(LlGateClient client) {
        PayoutRequest slow = Payouts.to("5678", sandbox.notifyUrl()).build();
        PayoutRequest wrong = Payouts.to("5678", sandbox.notifyUrl()).build();
        try {
            sandbox.receiver().delay(Duration.ofMillis(1500));
            client.instantPayments().apply(slow);
            sandbox.awaitAttempts(slow.noOrder(), 1);
            sandbox.receiver().acknowledge();
            SentNotification late = sandbox.awaitSentNotification(slow.noOrder(),
                    s -> s.status() == SentNotification.Status.DELIVERED);

            sandbox.receiver().answer(200, "success");
            client.instantPayments().apply(wrong);
            SentNotification refused = sandbox.awaitSentNotification(wrong.noOrder(),
                    s -> s.status() == SentNotification.Status.EXHAUSTED);

            assertThat(late.attempts().get(0).outcome()).isEqualTo(SentNotification.Outcome.TIMEOUT);
            assertThat(refused.attempts()).hasSize(4).allSatisfy(a -> {
                assertThat(a.outcome()).isEqualTo(SentNotification.Outcome.WRONG_BODY);
                assertThat(a.answerHead()).contains("success");
            });
        } finally {
            sandbox.receiver().acknowledge();
        }
    }

    @Test
    void aHeldPayoutIsSettledWhenResolved(LlGateClient client) {
        PayoutRequest request = Payouts.to("0002", sandbox.notifyUrl()).build();
        String oidPaybill = ((PayoutApplyResult.Accepted) client.instantPayments().apply(request)).oidPaybill();
        assertThat(client.instantPayments().query(PayoutQuery.byNoOrder(request.noOrder())).resultPay())
                .isEqualTo(ResultPay.PROCESSING);

        sandbox.payouts().resolve(oidPaybill, false);

        assertThat(sandbox.awaitNotification(request.noOrder()).resultPay()).isEqualTo(ResultPay.FAILURE);
        assertThatThrownBy(() -> sandbox.payouts().resolve(oidPaybill, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0002");
    }

    @Test
    void aReversedPayoutIsNotifiedTwice(LlGateClient client) {
        PayoutRequest request = Payouts.to("0003", sandbox.notifyUrl()).build();
        client.instantPayments().apply(request);

        PaymentNotification cancel = sandbox.awaitNotification(request.noOrder(), ResultPay.CANCEL);

        assertThat(sandbox.awaitNotification(request.noOrder()).resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(cancel.dedupeKey()).isNotEqualTo(sandbox.awaitNotification(request.noOrder()).dedupeKey());
    }

    @Test
    void aResentNotificationArrivesAgainByteForByte(LlGateClient client) {
        PayoutRequest request = Payouts.to("5678", sandbox.notifyUrl()).build();
        client.instantPayments().apply(request);
        sandbox.awaitSentNotification(request.noOrder(), s -> s.status() == SentNotification.Status.DELIVERED);

        sandbox.resendNotification(request.noOrder());

        List<ReceivedNotification> copies = sandbox.awaitAttempts(request.noOrder(), 2);
        assertThat(copies.get(1).text()).isEqualTo(copies.get(0).text());
        assertThat(copies.get(1).notification().orElseThrow().dedupeKey())
                .isEqualTo(copies.get(0).notification().orElseThrow().dedupeKey());
    }

    @Test
    void notificationsDeliveredTwiceOnPurposeArriveAsTwoIdenticalCopies(LlGateClient client) {
        PayoutRequest request = Payouts.to("5678", sandbox.notifyUrl()).build();
        sandbox.notifyChaos(NotificationChaos.DUPLICATE, Duration.ZERO);
        try {
            client.instantPayments().apply(request);

            List<ReceivedNotification> copies = sandbox.awaitAttempts(request.noOrder(), 2);

            assertThat(copies.get(1).text()).isEqualTo(copies.get(0).text());
            assertThat(copies.get(1).notificationId()).isNotEqualTo(copies.get(0).notificationId());
            assertThat(sandbox.sentNotifications(request.noOrder())).hasSize(2);
        } finally {
            sandbox.notifyChaos(NotificationChaos.NONE, Duration.ZERO);
        }
    }

    @Test
    void movingTheClockClosesAPayoutLeftUnconfirmed(LlGateClient client) {
        PayoutRequest request = Payouts.to("0004", sandbox.notifyUrl()).build();
        assertThat(client.instantPayments().apply(request)).isInstanceOf(PayoutApplyResult.NeedsConfirmation.class);
        var before = sandbox.now();

        var after = sandbox.advanceClock(Duration.ofHours(24));

        assertThat(Duration.between(before, after)).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(client.instantPayments().query(PayoutQuery.byNoOrder(request.noOrder())).resultPay())
                .isEqualTo(ResultPay.CLOSED);
    }

    @Test
    void awaitingANotificationThatNeverComesSaysWhatWasSent() {
        assertThatThrownBy(() -> sandbox.awaitNotification("NEVER-PAID", null, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NEVER-PAID")
                .hasMessageContaining("the gateway has sent nothing about it");
    }
}
