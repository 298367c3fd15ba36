package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.ExchangeApplied;
import io.llgate.client.ExchangePayment;
import io.llgate.client.ExchangeRequest;
import io.llgate.client.ExchangeVerification;
import io.llgate.client.LlGateClient;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.client.notify.ExchangeNotification;
import io.llgate.protocol.WireTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An exchange payment merchant's day through the SDK: a USD order and a JPY order paid in yuan with the SMS code at
 * the sandbox's default rates (USD 7.1500, JPY 0.0480), notified, queried.
 */
@LlGateSandbox
class ExchangeSandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    ExchangeSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    @Test
    void aUsdOrderAndAJpyOrderArePaidInYuanNotifiedAndQueried() {
        ExchangePayment usd = pay("USD", "45.00");
        assertThat(usd.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(usd.amounts().moneyPay()).isEqualByComparingTo("321.75");
        assertThat(usd.amounts().exchangeRate()).isEqualByComparingTo("7.15");
        assertThat(usd.amounts().currencySettle()).isEqualTo("USD");
        assertThat(usd.amounts().moneySettle()).isEqualByComparingTo("45.00");

        ExchangePayment jpy = pay("JPY", "1500");
        assertThat(jpy.amounts().currencyOrder()).isEqualTo("JPY");
        assertThat(jpy.amounts().moneyOrder()).isEqualByComparingTo("1500");
        assertThat(jpy.amounts().moneyPay()).isEqualByComparingTo("72.00");

        ExchangeNotification notified = sandbox.awaitExchangeNotification(usd.noOrder());
        assertThat(notified.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(notified.amounts()).isEqualTo(usd.amounts());
        assertThat(notified.settleDate()).isEqualTo(usd.settleDate());
        assertThat(sandbox.awaitExchangeNotification(jpy.noOrder()).amounts().moneyPay()).isEqualByComparingTo("72.00");

        ExchangePayment queried = client.exchange().query(jpy.noOrder());
        assertThat(queried.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(queried.amounts()).isEqualTo(jpy.amounts());
        assertThat(queried.oidPaybill()).isEqualTo(jpy.oidPaybill());
    }

    /** Applies for an order in {@code currency} and verifies the code texted to the payer. */
    private ExchangePayment pay(String currency, String amount) {
        String mobile = "137" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L);
        String user = "fx_" + NUMBERS.incrementAndGet();
        ExchangeRequest request = ExchangeRequest.builder()
                .userId(user)
                .noOrder("FX" + NUMBERS.incrementAndGet())
                .dtOrder(WireTime.dateTime(Instant.now()))
                .nameGoods("Wool scarf")
                .price(currency, amount)
                .notifyUrl(sandbox.notifyUrl())
                .riskItem(RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno(user).build())
                .card(TestCard.of(TestCard.Outcome.PAYS, false).card(mobile))
                .build();
        ExchangeApplied applied = client.exchange().apply(request);
        assertThat(applied.amounts().moneyPay()).isPositive().isEqualTo(applied.amounts().moneyOrder()
                .multiply(applied.amounts().exchangeRate()).setScale(2, java.math.RoundingMode.HALF_UP));
        return client.exchange().verify(ExchangeVerification.of(request, applied.token().orElseThrow(),
                sandbox.cards().latestSmsCode(mobile)));
    }
}
