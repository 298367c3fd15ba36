package io.llgate.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.ResultPay;
import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTypesTest {
    private static final KeyPair GATEWAY = RsaKeys.generate(2048);
    private static final String MERCHANT = "201912300000123456";

    /** A kind the gateway does not send: a card binding's result. */
    record BindingNotification(String oidPartner, String noAgree, String staBind, VerifiedMessage message)
            implements Notification {
        static final NotificationType TYPE = new NotificationType("card binding",
                NotificationShape.having("no_agree", "sta_bind").without("result_pay"), f -> {
                    String state = f.required("sta_bind");
                    if (!state.equals("0") && !state.equals("1")) {
                        throw f.refused("the notification has an undocumented sta_bind " + state);
                    }
                    return new BindingNotification(f.required("oid_partner"), f.required("no_agree"), state,
                            f.message());
                });

        @Override
        public String transaction() {
            return noAgree;
        }

        @Override
        public String result() {
            return staBind;
        }
    }

    @Test
    void theGatewaysKindsAreRegisteredAsStandard() {
        assertThat(NotificationTypes.standard().types()).extracting(NotificationType::name)
                .containsExactly("payment", "card payment page return", "exchange payment", "refund");
        assertThat(NotificationTypes.standard().types()).containsExactly(PaymentNotification.TYPE,
                PaymentNotification.CARD_PAGE_RETURN, ExchangeNotification.TYPE, RefundNotification.TYPE);
    }

    @Test
    void aNotificationOfNoKnownShapeIsRefusedSayingWhatIsKnown() {
        String binding = signed(binding("1"));

        assertThatThrownBy(() -> verifier(NotificationTypes.standard()).verify(binding))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("no known kind")
                .hasMessageContaining("payment (result_pay, without no_refund)")
                .hasMessageContaining("refund (no_refund)")
                .hasMessageContaining("no_agree, sta_bind");
    }

    @Test
    void aRegisteredKindIsDecodedByItsOwnDecoder() {
        NotificationVerifier verifier = verifier(NotificationTypes.standard().with(BindingNotification.TYPE));

        Notification n = verifier.verify(signed(binding("1")));

        assertThat(n).isInstanceOfSatisfying(BindingNotification.class, b -> {
            assertThat(b.noAgree()).isEqualTo("2024061200001234");
            assertThat(b.staBind()).isEqualTo("1");
            assertThat(b.dedupeKey()).isEqualTo(MERCHANT + ":2024061200001234:1");
        });
        assertThatThrownBy(() -> verifier.verify(signed(binding("7")))).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("undocumented sta_bind 7");
        assertThat(verifier.verify(signed(payment()))).isInstanceOf(PaymentNotification.class);
    }

    @Test
    void anExchangePaymentIsTheNarrowerKindAndItsSettlementIsReadUnderEitherSpelling() {
        Map<String, String> exchange = payment();
        exchange.put("currency_order", "USD");
        exchange.put("currency_pay", "CNY");
        exchange.put("money_pay", "89.38");
        exchange.put("exchange_rate", "7.1500");
        // X1: LianLian's samples spell the settlement fields this way.
        exchange.put("currency_sellte", "USD");
        exchange.put("money_sellte", "12.43");
        String body = signed(exchange);

        Notification read = verifier(NotificationTypes.standard()).verify(body);

        assertThat(read).isInstanceOfSatisfying(ExchangeNotification.class, e -> {
            assertThat(e.amounts().moneyPay()).isEqualByComparingTo("89.38");
            assertThat(e.amounts().exchangeRate()).isEqualByComparingTo("7.15");
            assertThat(e.amounts().currencySettle()).isEqualTo("USD");
            assertThat(e.amounts().moneySettle()).isEqualByComparingTo("12.43");
            assertThat(e.amounts().fee()).isEqualByComparingTo("0.07");
            assertThat(e.dedupeKey()).isEqualTo(MERCHANT + ":2024061200023456:SUCCESS");
        });
        assertThat(verifier(NotificationTypes.of(PaymentNotification.TYPE)).verify(body))
                .isInstanceOf(PaymentNotification.class);
        exchange.remove("money_sellte");
        assertThatThrownBy(() -> verifier(NotificationTypes.standard()).verify(signed(exchange)))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("money_settle");
    }

    @Test
    void kindsNeitherOfWhichIsNarrowerAreRefusedTogether() {
        NotificationType refundLike = new NotificationType("refund-like", NotificationShape.having("sta_refund"),
                RefundNotification::decode);
        Map<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", MERCHANT);
        refund.put("no_refund", "RF1");
        refund.put("sta_refund", "2");

        assertThatThrownBy(() -> verifier(NotificationTypes.standard().with(refundLike)).verify(signed(refund)))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("fits several kinds")
                .hasMessageContaining("refund (no_refund)")
                .hasMessageContaining("refund-like (sta_refund)");
    }

    @Test
    void aKindIsRegisteredOnceByNameAndByShape() {
        NotificationTypes standard = NotificationTypes.standard();

        assertThatThrownBy(() -> standard.with(new NotificationType("refund", NotificationShape.having("x"),
                RefundNotification::decode))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refund");
        assertThatThrownBy(() -> standard.with(new NotificationType("other", NotificationShape.having("no_refund"),
                RefundNotification::decode))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        assertThat(standard.with(BindingNotification.TYPE).types()).hasSize(5);
        assertThat(standard.types()).hasSize(4);
        assertThatThrownBy(() -> NotificationShape.having("a").without("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheRegisteredKindsAreRead() {
        NotificationVerifier refundsOnly = verifier(NotificationTypes.of(RefundNotification.TYPE));

        assertThatThrownBy(() -> refundsOnly.verify(signed(payment()))).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("no known kind");
    }

    @Test
    void theHandlerRunsTheCallbackOnceForARegisteredKind() {
        List<Notification> seen = new ArrayList<>();
        NotificationHandler handler = NotificationHandler.builder(
                verifier(NotificationTypes.standard().with(BindingNotification.TYPE)), seen::add).build();
        byte[] body = signed(binding("1")).getBytes(StandardCharsets.UTF_8);

        assertThat(handler.handle(body).outcome()).isEqualTo(NotificationResponse.Outcome.PROCESSED);
        assertThat(handler.handle(body).outcome()).isEqualTo(NotificationResponse.Outcome.DUPLICATE);
        assertThat(seen).singleElement().isInstanceOf(BindingNotification.class);
    }

    @Test
    void aBrowserReturnOfAnotherKindIsRefused() {
        Map<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", MERCHANT);
        refund.put("no_refund", "RF1");
        refund.put("dt_refund", "20240615143000");
        refund.put("money_refund", "30.00");
        refund.put("oid_refundno", "2024061500004567");
        refund.put("sta_refund", "2");

        assertThatThrownBy(() -> verifier(NotificationTypes.standard())
                .verifyReturn(MessageSignature.sign(GATEWAY.getPrivate(), SignType.RSA, refund)))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("not a refund");
    }

    private static NotificationVerifier verifier(NotificationTypes types) {
        return new NotificationVerifier(GATEWAY.getPublic(), MERCHANT, types);
    }

    private static String signed(Map<String, String> fields) {
        return FlatJson.write(MessageSignature.sign(GATEWAY.getPrivate(), SignType.RSA, fields));
    }

    private static Map<String, String> binding(String state) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", MERCHANT);
        f.put("no_agree", "2024061200001234");
        f.put("sta_bind", state);
        return f;
    }

    private static Map<String, String> payment() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", MERCHANT);
        f.put("no_order", "WEB20240612001");
        f.put("dt_order", "20240612101500");
        f.put("oid_paybill", "2024061200023456");
        f.put("money_order", "12.50");
        f.put("result_pay", "SUCCESS");
        return f;
    }
}
