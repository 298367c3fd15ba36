package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.BusiPartner;
import io.llgate.client.EasypayPageForm;
import io.llgate.client.EasypayPageRequest;
import io.llgate.client.LlGateClient;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@LlGateSandbox
class EasypayPagesSandboxTest {
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    EasypayPagesSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    private EasypayPageRequest.Builder order() {
        return EasypayPageRequest.builder()
                .userId("cust_" + ORDERS.get())
                .busiPartner(BusiPartner.VIRTUAL_GOODS)
                .noOrder("EP" + ORDERS.incrementAndGet())
                .dtOrder(LocalDateTime.ofInstant(sandbox.now(), WireTime.BEIJING))
                .nameGoods("会员月卡")
                .moneyOrder("30.00")
                .notifyUrl(sandbox.notifyUrl())
                .urlReturn(sandbox.returnUrl())
                .userreqIp("203.0.113.45")
                .riskItem(RiskItem.builder().frmsWareCategory("1999").build());
    }

    @Test
    void aWebPaymentIsPaidOnThePagesNotifiedAndReturnedOnce() {
        EasypayPageForm form = client.easypayPages().webForm(order().build());

        EasypayPageControls.Completion completion = sandbox.easypayPages().pay(form);

        assertThat(completion.paid()).isTrue();
        assertThat(completion.returned()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
        PaymentNotification returned = sandbox.onlineBanking().awaitReturn(form.noOrder());
        PaymentNotification notified = sandbox.awaitNotification(form.noOrder());
        assertThat(returned.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(returned.oidPaybill()).isEqualTo(notified.oidPaybill());
        assertThat(returned.payType()).contains("M");
    }

    @Test
    void anH5PaymentReturnsWithResDataAndADeclinedCardFailsWithoutReturn() {
        EasypayPageForm paid = client.easypayPages().h5Form(order().returnsByItself(true).build());
        assertThat(sandbox.easypayPages().pay(paid).paid()).isTrue();
        assertThat(sandbox.onlineBanking().awaitReturn(paid.noOrder()).moneyOrder()).isEqualTo("30.00");

        EasypayPageForm declined = client.easypayPages().webForm(order().build());
        EasypayPageControls.Completion failed = sandbox.easypayPages().decline(declined);

        assertThat(failed.paid()).isFalse();
        assertThat(failed.outcome()).isEqualTo("支付失败 Payment failed");
        assertThat(failed.returned()).isEmpty();
        assertThat(sandbox.returns()).noneMatch(r -> r.noOrder().orElse("").equals(declined.noOrder()));
    }
}
