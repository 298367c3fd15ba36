package io.llgate.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.LlGateClient;
import io.llgate.client.PayoutApplyResult;
import io.llgate.client.PayoutRequest;
import io.llgate.client.RefundState;
import io.llgate.client.ResultPay;
import io.llgate.client.TestClients;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationVerifierTest {
    /** Signs what the gateway does not send yet (refunds, browser returns) as spec 01 describes them. */
    static final KeyPair OTHER_GATEWAY = RsaKeys.generate(2048);

    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestMerchant merchant;
    static NotificationVerifier verifier;
    static PayoutRequest request;
    static String oidPaybill;
    static String body;

    @BeforeAll
    static void payOut() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        merchant = TestMerchant.register(gateway, 100_000);
        try (LlGateClient client = TestClients.of(gateway, merchant)) {
            verifier = client.notificationVerifier();
            request = TestClients.payout("5678", receiver.url()).build();
            oidPaybill = ((PayoutApplyResult.Accepted) client.instantPayments().apply(request)).oidPaybill();
        }
        body = receiver.await(1).get(0).text();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void readsThePayoutResultTheGatewaySent() {
        Notification notification = verifier.verify(body.getBytes(StandardCharsets.UTF_8));

        assertThat(notification).isInstanceOfSatisfying(PaymentNotification.class, n -> {
            assertThat(n.oidPartner()).isEqualTo(merchant.oidPartner());
            assertThat(n.noOrder()).isEqualTo(request.noOrder());
            assertThat(n.dtOrder()).isEqualTo(request.dtOrder());
            assertThat(n.oidPaybill()).isEqualTo(oidPaybill);
            assertThat(n.moneyOrderFen()).isEqualTo(1234);
            assertThat(n.moneyOrder()).isEqualTo("12.34");
            assertThat(n.resultPay()).isEqualTo(ResultPay.SUCCESS);
            assertThat(n.settleDate()).get().asString().matches("\\d{8}");
            assertThat(n.infoOrder()).contains("供应商结算");
            assertThat(n.payType()).isEmpty();
            assertThat(n.message().text()).isEqualTo(body);
            assertThat(n.dedupeKey()).isEqualTo(merchant.oidPartner() + ":" + oidPaybill + ":SUCCESS");
        });
    }

    @Test
    void refusesAChangedBody() {
        String changed = body.replace("\"money_order\":\"12.34\"", "\"money_order\":\"99.99\"");

        assertThat(changed).isNotEqualTo(body);
        assertThatThrownBy(() -> verifier.verify(changed)).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void refusesAnotherMerchantsNotification() {
        NotificationVerifier other = new NotificationVerifier(gateway.publicKey(), "201999999999999999");

        assertThatThrownBy(() -> other.verify(body)).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("for merchant " + merchant.oidPartner());
        assertThat(new NotificationVerifier(gateway.publicKey(), null).verify(body).oidPartner())
                .isEqualTo(merchant.oidPartner());
    }

    @Test
    void refusesWhatIsUnsignedOrUnreadable() {
        String unsigned = body.replaceAll(",\"sign\":\"[^\"]*\"", "");

        assertThatThrownBy(() -> verifier.verify(unsigned)).hasMessageContaining("not signed");
        assertThatThrownBy(() -> verifier.verify("result_pay=SUCCESS")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> verifier.verify(new byte[0])).isInstanceOf(InvalidNotificationException.class);
        assertThatThrownBy(() -> new NotificationVerifier(OTHER_GATEWAY.getPublic(), null).verify(body))
                .isInstanceOf(InvalidNotificationException.class);
    }

    @Test
    void readsARefundResult() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", "201912300000123456");
        fields.put("no_refund", "RF20240615000003");
        fields.put("dt_refund", "20240615143000");
        fields.put("money_refund", "30.00");
        fields.put("money_foreign_refund", "30.00");
        fields.put("rate_id", "1");
        fields.put("rate", "1.00");
        fields.put("exchange_bankcode", "01040000");
        fields.put("oid_refundno", "2024061500004567");
        fields.put("sta_refund", "2");
        fields.put("settle_date", "20240615");
        fields.put("ret_code", "0000");
        fields.put("ret_msg", "交易成功");
        String refund = FlatJson.write(MessageSignature.sign(OTHER_GATEWAY.getPrivate(), SignType.RSA, fields));

        Notification n = new NotificationVerifier(OTHER_GATEWAY.getPublic(), "201912300000123456").verify(refund);

        assertThat(n).isInstanceOfSatisfying(RefundNotification.class, r -> {
            assertThat(r.noRefund()).isEqualTo("RF20240615000003");
            assertThat(r.moneyRefundFen()).isEqualTo(3000);
            assertThat(r.staRefund()).isEqualTo(RefundState.SUCCESS);
            assertThat(r.message().field("rate")).contains("1.00");
            assertThat(r.dedupeKey()).isEqualTo("201912300000123456:2024061500004567:2");
        });
    }

    @Test
    void aFieldWrittenAsTheTextNullIsAbsentWhetherOrNotItWasSigned() {
        // 00 A3b: a sender that writes a missing info_order as "null", its signing helper leaving it out or not.
        for (boolean keepNull : new boolean[] {false, true}) {
            Map<String, String> form = new LinkedHashMap<>(browserReturn());
            form.put("info_order", "null");
            form.put("sign_type", "RSA");
            form.put("sign", io.llgate.protocol.Signatures.sign(OTHER_GATEWAY.getPrivate(), SignType.RSA,
                    io.llgate.protocol.SignSource.of(form, java.util.Set.of(),
                            io.llgate.protocol.SignSource.CASE_INSENSITIVE, keepNull)));

            PaymentNotification n = new NotificationVerifier(OTHER_GATEWAY.getPublic(), "201912300000123456")
                    .verifyReturn(form);

            assertThat(n.infoOrder()).isEmpty();
            assertThat(n.noOrder()).isEqualTo("WEB20240612001");
        }
    }

    @Test
    void readsABrowserReturnFromItsFormParameters() {
        Map<String, String> form = MessageSignature.sign(OTHER_GATEWAY.getPrivate(), SignType.RSA, browserReturn());
        NotificationVerifier returns = new NotificationVerifier(OTHER_GATEWAY.getPublic(), "201912300000123456");

        PaymentNotification fromMap = returns.verifyReturn(form);
        String encoded = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        PaymentNotification fromBody = returns.verifyReturnForm(encoded);

        for (PaymentNotification n : new PaymentNotification[] {fromMap, fromBody}) {
            assertThat(n.noOrder()).isEqualTo("WEB20240612001");
            assertThat(n.resultPay()).isEqualTo(ResultPay.SUCCESS);
            assertThat(n.payType()).contains("1");
            assertThat(n.bankCode()).contains("03080000");
            assertThat(n.infoOrder()).contains("订单备注");
        }
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put("money_order", "8.88");
        assertThatThrownBy(() -> returns.verifyReturn(changed)).isInstanceOf(InvalidNotificationException.class);
    }

    @Test
    void readsAnH5ReturnFromResData() {
        Map<String, String> signed = MessageSignature.sign(OTHER_GATEWAY.getPrivate(), SignType.RSA, browserReturn());

        PaymentNotification n = new NotificationVerifier(OTHER_GATEWAY.getPublic(), null)
                .verifyReturn(Map.of("res_data", FlatJson.write(signed)));

        assertThat(n.oidPaybill()).isEqualTo("2024061200023456");
    }

    private static Map<String, String> browserReturn() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", "201912300000123456");
        f.put("no_order", "WEB20240612001");
        f.put("dt_order", "20240612101500");
        f.put("oid_paybill", "2024061200023456");
        f.put("money_order", "88.80");
        f.put("result_pay", "SUCCESS");
        f.put("settle_date", "20240612");
        f.put("info_order", "订单备注");
        f.put("pay_type", "1");
        f.put("bank_code", "03080000");
        return f;
    }
}
