package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llgate.client.notify.Notification;
import io.llgate.client.notify.RefundNotification;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundsTest {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    static Gateway gateway;
    static NotificationReceiver receiver;
    TestMerchant merchant;
    LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @BeforeEach
    void newMerchant() {
        merchant = TestMerchant.register(gateway, 0);
        client = TestClients.of(gateway, merchant);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private RefundRequest.Builder refundOf(PaidOrder order, String amount) {
        return RefundRequest.builder()
                .noRefund("SDKRF" + SEQUENCE.incrementAndGet() + "_" + merchant.oidPartner())
                .dtRefund(LocalDateTime.now(WireTime.BEIJING))
                .moneyRefund(amount)
                .noOrder(order.noOrder())
                .notifyUrl(receiver.url("/refunds/" + merchant.oidPartner()));
    }

    private RefundNotification awaitNotification(String noRefund) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                .map(r -> verifiedOrNull(r.body()))
                .filter(n -> n instanceof RefundNotification rn && rn.noRefund().equals(noRefund))
                .map(RefundNotification.class::cast)
                .findFirst().orElse(null), n -> n != null);
    }

    /** The receiver also holds other merchants' notifications, which this merchant's verifier refuses. */
    private Notification verifiedOrNull(byte[] body) {
        try {
            return client.notificationVerifier().verify(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Test
    void refundsInPartsAndReadsEveryStateBack() {
        PaidOrder order = merchant.paidOnlineBankingOrder("88.80", receiver.url("/paid"));
        RefundRequest first = refundOf(order, "30").build();

        Refund applied = client.refunds().apply(first);

        assertThat(applied.noRefund()).isEqualTo(first.noRefund());
        assertThat(applied.oidRefundno()).matches("\\d{16}");
        assertThat(applied.moneyRefund()).isEqualTo("30.00");
        assertThat(applied.state()).isEqualTo(RefundState.PROCESSING);
        assertThat(applied.settleDate()).isEmpty();
        RefundNotification notified = awaitNotification(first.noRefund());
        assertThat(notified.staRefund()).isEqualTo(RefundState.SUCCESS);
        assertThat(notified.oidRefundno()).isEqualTo(applied.oidRefundno());
        Refund done = client.refunds().query(first.noRefund(), first.dtRefund());
        assertThat(done.state()).isEqualTo(RefundState.SUCCESS);
        assertThat(done.settleDate()).isEqualTo(notified.settleDate());
        assertThat(client.refunds().apply(first).oidRefundno()).isEqualTo(applied.oidRefundno());
        assertThat(client.balance().amtUnsettle()).isEqualTo("58.80");

        assertThatThrownBy(() -> client.refunds().apply(refundOf(order, "58.81").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("5007");
                    assertThat(e.signed()).isTrue();
                });
        assertThat(client.refunds().apply(refundOf(order, "58.80").oidPaybill(order.oidPaybill()).build()).state())
                .isEqualTo(RefundState.PROCESSING);
    }

    @Test
    void refusesLocallyWhatTheGatewayWouldRefuse() {
        PaidOrder order = merchant.paidOnlineBankingOrder("10.00", receiver.url("/paid"));

        assertThatThrownBy(() -> refundOf(order, "1.001").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("money_refund"));
        assertThatThrownBy(() -> refundOf(order, "0").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("money_refund"));
        assertThatThrownBy(() -> refundOf(order, "1.00").noOrder(null).build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_order"));
        assertThatThrownBy(() -> refundOf(order, "1.00").notifyUrl("ftp://shop.example.com").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("notify_url"));
        assertThatThrownBy(() -> refundOf(order, "1.00").dtRefund("20240230120000").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("dt_refund"));
    }

    @Test
    void unknownRefundsAndPaymentsAreReturnCodes() {
        assertThatThrownBy(() -> client.refunds().query("NO_SUCH_REFUND", "20240615143000"))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("8901"));
        PaidOrder unknown = new PaidOrder("NO_SUCH_ORDER", null, null, "1.00");
        assertThatThrownBy(() -> client.refunds().apply(refundOf(unknown, "1.00").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("5002"));
    }

    @Test
    void queriesByEitherRefundNumberOrBoth() {
        PaidOrder order = merchant.paidOnlineBankingOrder("10.00", receiver.url("/paid"));
        RefundRequest first = refundOf(order, "1.00").build();
        Refund a = client.refunds().apply(first);
        Refund b = client.refunds().apply(refundOf(order, "2.00").build());

        Refund byOid = client.refunds().query(RefundQuery.byOidRefundno(a.oidRefundno()));
        assertThat(byOid.noRefund()).isEqualTo(first.noRefund());
        assertThat(byOid.dtRefund()).isEqualTo(first.dtRefund());
        assertThat(client.refunds().query(new RefundQuery(first.noRefund(), null, null)).oidRefundno())
                .isEqualTo(a.oidRefundno());
        assertThat(client.refunds().query(new RefundQuery(b.noRefund(), b.oidRefundno(), b.dtRefund())).moneyRefund())
                .isEqualTo("2.00");
        assertThatThrownBy(() -> client.refunds().query(new RefundQuery(first.noRefund(), b.oidRefundno(), null)))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("8901"));
    }

    @Test
    void aRefundQueryNeedsANumberAndChecksItsFieldsLocally() {
        assertThatThrownBy(() -> new RefundQuery(null, "", "20240615143000"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_refund"));
        // The text null is how LianLian's demo writes a missing field; it is absent, never sent.
        assertThatThrownBy(() -> new RefundQuery("null", "null", null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_refund"));
        assertThatThrownBy(() -> RefundQuery.byOidRefundno("1".repeat(33)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("oid_refundno"));
        assertThatThrownBy(() -> new RefundQuery("RF1", null, "20240230120000"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("dt_refund"));
        assertThat(new RefundQuery("RF1", null, "").dtRefund()).isNull();
    }
}
