package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.BusiPartner;
import io.llgate.client.LlGateClient;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.OnlineBankingRequest;
import io.llgate.client.Refund;
import io.llgate.client.RefundRequest;
import io.llgate.client.RefundState;
import io.llgate.client.RiskItem;
import io.llgate.client.notify.RefundNotification;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@LlGateSandbox
class RefundSandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    RefundSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    /** An online banking order of 88.80 the payer paid; its no_order. */
    private String paidOrder() {
        OnlineBankingForm form = client.onlineBanking().form(OnlineBankingRequest.builder()
                .userId("u_1")
                .busiPartner(BusiPartner.VIRTUAL_GOODS)
                .noOrder("WEB" + NUMBERS.incrementAndGet())
                .dtOrder(LocalDateTime.now())
                .nameGoods("羽毛球拍")
                .moneyOrder("88.80")
                .notifyUrl(sandbox.notifyUrl())
                .bankCode("03080000")
                .riskItem(RiskItem.builder().frmsWareCategory("4002").userInfoMerchtUserno("u_1")
                        .userInfoDtRegister("20230105120000").goodsName("羽毛球拍").build())
                .build());
        sandbox.onlineBanking().start(form);
        sandbox.onlineBanking().approve(form.noOrder());
        return form.noOrder();
    }

    private RefundRequest refund(String noOrder, String amount) {
        return RefundRequest.builder()
                .noRefund("RF" + NUMBERS.incrementAndGet())
                .dtRefund(LocalDateTime.now())
                .moneyRefund(amount)
                .noOrder(noOrder)
                .notifyUrl(sandbox.notifyUrl())
                .build();
    }

    @Test
    void aRefundIsNotifiedToTheReceiver() {
        RefundRequest request = refund(paidOrder(), "30.00");

        Refund applied = client.refunds().apply(request);

        RefundNotification notified = sandbox.refunds().awaitNotification(request.noRefund(), RefundState.SUCCESS);
        assertThat(notified.oidRefundno()).isEqualTo(applied.oidRefundno());
        assertThat(notified.moneyRefund()).isEqualTo("30.00");
        assertThat(sandbox.awaitAttempts(request.noRefund(), 1)).hasSize(1);
    }

    @Test
    void aRefundTheBankHoldsWaitsUntilTheTestResolvesIt() {
        String noOrder = paidOrder();
        RefundRequest held = refund(noOrder, "5.92");
        assertThat(client.refunds().apply(held).state()).isEqualTo(RefundState.PROCESSING);

        sandbox.refunds().resolve(held.noRefund(), false);

        assertThat(sandbox.refunds().awaitNotification(held.noRefund(), null).staRefund()).isEqualTo(RefundState.FAILED);
        assertThat(client.refunds().query(held.noRefund(), held.dtRefund()).state()).isEqualTo(RefundState.FAILED);
        assertThatThrownBy(() -> sandbox.refunds().resolve(held.noRefund(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".92");
        assertThatThrownBy(() -> sandbox.refunds().resolve("NO_SUCH_REFUND", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no refund");
    }
}
