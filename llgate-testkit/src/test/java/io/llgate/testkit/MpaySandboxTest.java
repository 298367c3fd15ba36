package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.BoundCard;
import io.llgate.client.LlGateClient;
import io.llgate.client.MpayRequest;
import io.llgate.client.MpayResult;
import io.llgate.client.OnlineBankingQuery;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A merchant's MPAY test as the testkit writes it: a test card bound through MPAY's bind pair, then paid. */
@LlGateSandbox
class MpaySandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    MpaySandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    @Test
    void aTestCardBoundThroughMpayPaysWithItsNoAgreeAndATimeoutIsResolved() {
        String mobile = "1351" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000L);
        BoundCard bound = sandbox.cards().bindForMpay("kit_mpay", TestCard.CCB_DEBIT, mobile);
        MpayResult paid = sandbox.cards().payMpay(order("9.90").noAgree(bound.noAgree()).build(), mobile);
        assertThat(paid.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(paid.noAgree()).contains(bound.noAgree());

        String other = "1351" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000L);
        MpayRequest slow = order("1.00").card(TestCard.of(TestCard.Outcome.BANK_TIMEOUT, false).card(other)).build();
        MpayResult pending = sandbox.cards().payMpay(slow, other);
        assertThat(pending.resultPay()).isEqualTo(ResultPay.PROCESSING);
        sandbox.cards().resolveCharge(pending.oidPaybill(), true);
        assertThat(client.mpay().query(OnlineBankingQuery.byNoOrder(slow.noOrder())).resultPay())
                .isEqualTo(ResultPay.SUCCESS);
    }

    private static MpayRequest.Builder order(String amount) {
        return MpayRequest.builder()
                .userId("kit_mpay")
                .noOrder("KITMP" + NUMBERS.incrementAndGet())
                .dtOrder(WireTime.dateTime(Instant.now()))
                .nameGoods("会员月卡")
                .moneyOrder(amount)
                .notifyUrl("http://127.0.0.1:9/notify")
                .riskItem(RiskItem.builder().frmsWareCategory("4007").build());
    }
}
