package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llgate.client.notify.Notification;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.client.notify.RefundNotification;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed MPAY calls against a running gateway: a merchant's whole MPAY life through the SDK. */
class MpayTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);
    private static final String NAME = "王小明";
    private static final String ID_NO = "11010119900307803X";
    static Gateway gateway;
    static NotificationReceiver receiver;
    static LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        client = TestClients.of(gateway, TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        receiver.close();
    }

    @Test
    void aCardIsBoundPaidWithItsSmsCodeNotifiedQueriedAndRefunded() {
        String mobile = mobile();
        EasypayCard card = EasypayCard.debit("6214830100005566", NAME, ID_NO, mobile);
        MpayBindToken token = client.mpay().bindApply(MpayBindRequest.debit("sdk_mpay", card, risk(),
                "BD" + SEQUENCE.incrementAndGet(), now()));
        assertThat(token.token()).isNotBlank();
        assertThat(token.noOrder()).isPresent();
        BoundCard bound = client.mpay().bindVerify(token, code(mobile));
        assertThat(bound.cardNoLastFour()).isEqualTo("5566");
        assertThat(bound.noOrder()).isEqualTo(token.noOrder());

        MpayRequest request = order("66.60").noAgree(bound.noAgree()).build();
        MpayApplied applied = client.mpay().apply(request);
        assertThat(applied.token()).isPresent();
        assertThat(applied.resultPay()).isEmpty();
        MpayResult paid = client.mpay().verify(applied, code(mobile));
        assertThat(paid.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(paid.noAgree()).contains(bound.noAgree());
        assertThat(paid.moneyOrderFen()).isEqualTo(6660);

        PaymentNotification notified = (PaymentNotification) await().atMost(Duration.ofSeconds(20))
                .until(() -> notification(request.noOrder()), n -> n != null);
        assertThat(notified.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(notified.payType()).contains("2");
        assertThat(notified.oidPaybill()).isEqualTo(paid.oidPaybill());
        assertThat(notified.message().field("no_agree")).contains(bound.noAgree());

        EasypayPayment queried = client.mpay().query(OnlineBankingQuery.byNoOrder(request.noOrder()));
        assertThat(queried.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(queried.cardNo()).contains("621483******5566");

        Refund refund = client.refunds().apply(RefundRequest.builder()
                .noRefund("SDKMR" + SEQUENCE.incrementAndGet())
                .dtRefund(LocalDateTime.now(WireTime.BEIJING))
                .moneyRefund("16.60")
                .noOrder(request.noOrder())
                .notifyUrl(receiver.url("/mpay-refunds"))
                .build());
        assertThat(refund.state()).isIn(RefundState.PROCESSING, RefundState.SUCCESS);
        RefundNotification refunded = (RefundNotification) await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received().stream().map(r -> verifiedOrNull(r.body()))
                        .filter(n -> n instanceof RefundNotification rn && rn.noRefund().equals(refund.noRefund()))
                        .findFirst().orElse(null), n -> n != null);
        assertThat(refunded.staRefund()).isEqualTo(RefundState.SUCCESS);
    }

    @Test
    void aWrongCodeAndACardOfTheOtherKindAreTheGatewaysRefusals() {
        String mobile = mobile();
        MpayRequest request = order("2.00").card(EasypayCard.debit("6222020000000000001", NAME, ID_NO, mobile)).build();
        MpayApplied applied = client.mpay().apply(request);
        String wrong = code(mobile).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> client.mpay().verify(applied, wrong))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("1900"));

        MpayRequest amex = order("2.00").payType("27")
                .card(EasypayCard.debit("6222020000000000001", NAME, ID_NO, mobile())).build();
        assertThatThrownBy(() -> client.mpay().apply(amex))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("5601"));
        assertThatThrownBy(() -> order("1.00").payType("M")).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("pay_type"));
        assertThatThrownBy(() -> order("1.00").build()).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("card_no"));
    }

    private static MpayRequest.Builder order(String amount) {
        return MpayRequest.builder()
                .userId("sdk_mpay")
                .noOrder("SDKMP" + SEQUENCE.incrementAndGet())
                .dtOrder(now())
                .nameGoods("会员月卡")
                .moneyOrder(amount)
                .notifyUrl(receiver.url("/mpay"))
                .riskItem(risk());
    }

    private static RiskItem risk() {
        return RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno("sdk_mpay").build();
    }

    private static String now() {
        return WireTime.dateTime(gateway.clock().instant());
    }

    private static String mobile() {
        return "1360000" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
    }

    private static String code(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    private static Notification notification(String noOrder) {
        return receiver.received().stream().map(r -> verifiedOrNull(r.body()))
                .filter(n -> n instanceof PaymentNotification p && p.noOrder().equals(noOrder))
                .findFirst().orElse(null);
    }

    /** The receiver also holds other merchants' notifications, which this merchant's verifier refuses. */
    private static Notification verifiedOrNull(byte[] body) {
        try {
            return client.notificationVerifier().verify(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
