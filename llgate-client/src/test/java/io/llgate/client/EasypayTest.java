package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed easypay calls against a running gateway. */
class EasypayTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);
    static Gateway gateway;
    static LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        client = TestClients.of(gateway, TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void aCardPaysWithItsSmsCodeAndThenWithItsBinding() {
        String mobile = "1370000" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
        EasypayRequest request = order("12.30").card(EasypayCard.credit("6222300000000008", "王小明",
                "11010119900307803X", mobile, "1230", "123")).build();

        EasypayApplied applied = client.easypay().apply(request);
        assertThat(applied.token()).isPresent();
        assertThat(applied.resultPay()).isEmpty();
        assertThat(applied.moneyOrderFen()).isEqualTo(1230);

        EasypayResult paid = client.easypay().verify(EasypayVerification.of(request, applied.token().get(), code(mobile)));
        assertThat(paid.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(paid.noAgree()).get().asString().matches("[0-9]{16}");

        EasypayPayment queried = client.easypay().query(OnlineBankingQuery.byNoOrder(request.noOrder()).withQueryVersion("1.1"));
        assertThat(queried.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(queried.cardNo()).contains("622230******0008");
        assertThat(queried.bankName()).contains("工商银行");

        EasypayRequest again = order("1.00").noAgree(paid.noAgree().get()).build();
        EasypayApplied second = client.easypay().apply(again);
        EasypayResult paidAgain = client.easypay().verify(EasypayVerification.of(again, second.token().get(), code(mobile)));
        assertThat(paidAgain.noAgree()).isEqualTo(paid.noAgree());
    }

    @Test
    void aWrongCodeAndADeclinedCardAreTheGatewaysRefusals() {
        String mobile = "1370001" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
        EasypayRequest request = order("2.00").card(EasypayCard.debit("6222020000000006001", "王小明",
                "11010119900307803X", mobile)).build();
        EasypayApplied applied = client.easypay().apply(request);
        String wrong = code(mobile).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> client.easypay().verify(EasypayVerification.of(request, applied.token().get(), wrong)))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("1900"));
        assertThatThrownBy(() -> client.easypay().verify(EasypayVerification.of(request, applied.token().get(), code(mobile))))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("6001"));
    }

    @Test
    void theBuildersCheckFieldsAsTheGatewayDoes() {
        assertField(() -> EasypayCard.debit("6222020000000000001", "王小明", "110101199003078031", "13800138000"), "id_no");
        assertField(() -> EasypayCard.debit("6222020000000000001", "王小明", "11010119900307803X", "12800138000"), "bind_mob");
        assertField(() -> EasypayCard.debit("62220200", "王小明", "11010119900307803X", "13800138000"), "card_no");
        assertField(() -> EasypayCard.credit("6222300000000008", "王小明", "11010119900307803X", "13800138000", "1330", "123"),
                "vali_date");
        assertField(() -> order("1.00").build(), "card_no");
        assertField(() -> order("1.001"), "money_order");
        assertField(() -> order("1.00").payType("X"), "pay_type");
        assertField(() -> new EasypayVerification("EP1", null, "1.00", "T", "12a"), "verify_code");
        assertThat(EasypayCard.credit("6222300000000008", "王小明", "11010119900307803X", "13800138000", "1230", "123")
                .toString()).doesNotContain("123\"", "cvv2", "11010119900307803X");
    }

    private static EasypayRequest.Builder order(String amount) {
        return EasypayRequest.builder()
                .userId("sdk_user")
                .noOrder("SDK" + SEQUENCE.incrementAndGet())
                .dtOrder(WireTime.dateTime(gateway.clock().instant()))
                .nameGoods("保温杯")
                .moneyOrder(amount)
                .notifyUrl("http://127.0.0.1:9/notify")
                .riskItem("{\"frms_ware_category\":\"4007\"}");
    }

    private static String code(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
