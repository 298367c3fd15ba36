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

/** The typed exchange payment calls against a running gateway with the sandbox's default rates. */
class ExchangeTest {
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
    void aEuroOrderIsAppliedForVerifiedAndQueriedWithItsPrice() {
        String mobile = "1370001" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
        ExchangeRequest request = order("EUR", "19.90").card(EasypayCard.debit("6222020000000000001", "王小明",
                "11010119900307803X", mobile)).build();

        ExchangeApplied applied = client.exchange().apply(request);
        assertThat(applied.token()).isPresent();
        assertThat(applied.resultPay()).isEmpty();
        assertThat(applied.amounts().moneyPay()).isEqualByComparingTo("155.22");

        ExchangePayment paid = client.exchange().verify(ExchangeVerification.of(request, applied.token().get(),
                ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code()));
        assertThat(paid.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(paid.amounts()).isEqualTo(new ExchangeAmounts("EUR", new java.math.BigDecimal("19.90"), "EUR",
                new java.math.BigDecimal("19.90"), "CNY", new java.math.BigDecimal("155.22"),
                new java.math.BigDecimal("7.8000")));
        assertThat(paid.settleDate()).get().asString().matches("[0-9]{8}");

        ExchangePayment queried = client.exchange().query(request.noOrder(), paid.oidPaybill());
        assertThat(queried.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(queried.memo()).contains("支付成功");

        assertThatThrownBy(() -> client.exchange().query("FX-none")).isInstanceOfSatisfying(
                LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("8901"));
    }

    @Test
    void theBuilderRefusesAFractionOfAYenAndACreditCardWithoutItsCvv2() {
        assertThatThrownBy(() -> order("JPY", "10.50")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("money_order");
        assertThatThrownBy(() -> order("RUB", "10.00")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("currency_order");
        assertThatThrownBy(() -> order("USD", "1.00").payType("N").card(EasypayCard.debit("6222300000000008", "王小明",
                "11010119900307803X", "13800138000")).build()).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("cvv2");
    }

    private static ExchangeRequest.Builder order(String currency, String amount) {
        return ExchangeRequest.builder()
                .userId("sdk_fx")
                .noOrder("FXSDK" + SEQUENCE.incrementAndGet())
                .dtOrder(WireTime.dateTime(gateway.clock().instant()))
                .nameGoods("Wool scarf")
                .price(currency, amount)
                .notifyUrl("http://127.0.0.1:9/notify")
                .riskItem(RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno("sdk_fx").build());
    }
}
