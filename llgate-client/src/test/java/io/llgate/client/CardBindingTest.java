package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed card binding calls against a running gateway, with the codes its sandbox texts. */
class CardBindingTest {
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 100_000_000L);
    static Gateway gateway;
    static LlGateClient client;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        client = TestClients.of(gateway, TestMerchant.register(gateway, 0));
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static String mobile() {
        return "138" + String.format("%08d", MOBILES.incrementAndGet() % 100_000_000L);
    }

    private static CardBindRequest.Builder wang(String userId, String mobile) {
        return CardBindRequest.builder()
                .userId(userId)
                .payType(BindPayType.EASYPAY)
                .card(EasypayCard.debit("6214830100005566", "王小明", "110101199001011237", mobile))
                .riskItem(RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno(userId)
                        .userInfoDtRegister("20230102080910").build());
    }

    private static String code(String mobile) {
        return admin.get("/sandbox/sms?mobile=" + mobile).json().get("messages").get(0).get("code").asText();
    }

    @Test
    void aCardIsBoundListedAndUnbound() {
        String user = "sdk" + System.nanoTime();
        String mobile = mobile();

        BindToken token = client.cardBinding().apply(wang(user, mobile).build());
        BoundCard bound = client.cardBinding().verify(user, token.token(), code(mobile));
        Bindings bindings = client.cardBinding().list(user);

        assertThat(token.userId()).isEqualTo(user);
        assertThat(bound.cardNoLastFour()).isEqualTo("5566");
        assertThat(bound.noAgree()).matches("\\d{16}");
        assertThat(bound.noOrder()).isEmpty();
        assertThat(bindings.count()).isEqualTo(1);
        assertThat(bindings.bindings()).containsExactly(new Binding(bound.noAgree(), "5566", "03080000", "招商银行",
                CardType.DEBIT, mobile.substring(0, 3) + "****" + mobile.substring(7)));
        assertThat(client.cardBinding().list(BindingQuery.of(user).payType(BindPayType.QUICK_DEBIT)).bindings())
                .isEmpty();

        client.cardBinding().unbind(user, bound.noAgree());

        Bindings none = client.cardBinding().list(user);
        assertThat(none.count()).isZero();
        assertThat(none.bindings()).isEmpty();
        assertThat(none.reply().field("ret_code")).contains("8901");
        assertThatThrownBy(() -> client.cardBinding().unbind(Unbinding.of(user, bound.noAgree())))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isIn("3003", "3011"));
    }

    @Test
    void aWrongCodeIsTheGatewaysRefusal() {
        String user = "sdk" + System.nanoTime();
        String mobile = mobile();
        BindToken token = client.cardBinding().apply(wang(user, mobile).build());
        String wrong = code(mobile).equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> client.cardBinding().verify(user, token.token(), wrong))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("1900"));
    }

    @Test
    void theBuilderRefusesWhatTheGatewayWouldBeforeSending() {
        CardBindRequest.Builder valid = wang("u1", "13800138000");

        assertThat(valid.build().fields()).containsEntry("api_version", "2.1").containsEntry("id_type", "0")
                .containsEntry("pay_type", "M").containsEntry("card_no", "6214830100005566")
                .containsKey("risk_item");
        assertRefused(valid.userId(null), "user_id");
        assertRefused(valid.userId("x".repeat(33)), "user_id");
        assertRefused(valid.platform("p".repeat(33)), "platform");
        assertRefused(valid.payType(null), "pay_type");
        assertRefused(valid.card(null), "card_no");
        assertRefused(valid.riskItem(null), "risk_item");
        assertThat(CardBindRequest.builder().userId("u1").payType(BindPayType.EASYPAY_CREDIT)
                .card(EasypayCard.credit("6225768812341234", "王小明", "110101199001011237", "13800138000", "0939", "315"))
                .riskItem(RiskItem.builder().build()).build().fields())
                .containsEntry("pay_type", "N").containsEntry("vali_date", "0939").containsEntry("cvv2", "315");
        assertThatThrownBy(() -> BindingQuery.of("u1").offset(-1)).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> BindingQuery.of("u1").cardNo("12ab")).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> Unbinding.of("u1", "")).isInstanceOf(InvalidFieldException.class);
    }

    private static void assertRefused(CardBindRequest.Builder builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
