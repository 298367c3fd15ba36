package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.BusiPartner;
import io.llgate.client.LlGateClient;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.OnlineBankingQuery;
import io.llgate.client.OnlineBankingRequest;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.client.notify.PaymentNotification;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@LlGateSandbox
class OnlineBankingSandboxTest {
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    OnlineBankingSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    @Test
    void anApprovedOrderIsNotifiedAndTheBrowserBringsTheSameResultBackOnce() throws Exception {
        OnlineBankingForm form = client.onlineBanking().form(order().bankCode("03080000").build());

        OnlineBankingStart start = sandbox.onlineBanking().start(form);
        OnlineBankingCompletion completion = sandbox.onlineBanking().approve(form.noOrder());

        assertThat(start.nextPage().getPath()).startsWith("/bank/");
        assertThat(start.noOrder()).isEqualTo(form.noOrder());
        assertThat(completion.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(completion.returned()).hasValueSatisfying(r -> {
            assertThat(r.urlReturn()).hasToString(sandbox.returnUrl());
            assertThat(r.status()).isEqualTo(200);
        });
        PaymentNotification returned = sandbox.onlineBanking().awaitReturn(form.noOrder());
        PaymentNotification notified = sandbox.awaitNotification(form.noOrder());
        assertThat(returned.message().fields()).isEqualTo(notified.message().fields());
        assertThat(returned.oidPaybill()).isEqualTo(completion.oidPaybill());
        assertThat(returned.payType()).contains("1");
        assertThat(returned.bankCode()).contains("03080000");
        assertThat(client.onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())).resultPay())
                .isEqualTo(ResultPay.SUCCESS);

        String reopened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(completion.returnPage().orElseThrow())
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        assertThat(reopened).contains("已返回商户").doesNotContain(sandbox.returnUrl());
        assertThat(sandbox.returns()).filteredOn(r -> r.noOrder().orElse("").equals(form.noOrder())).hasSize(1);
        assertThatThrownBy(() -> sandbox.onlineBanking().approve(form.noOrder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not waiting");
    }

    @Test
    void aDeclinedOrderFailsWithoutNotificationOrReturn() {
        OnlineBankingForm form = client.onlineBanking().form(order().build());
        assertThat(sandbox.onlineBanking().start(form).nextPage().getPath()).startsWith("/payment/cashier/");

        OnlineBankingCompletion completion = sandbox.onlineBanking().decline(form.noOrder());

        assertThat(completion.resultPay()).isEqualTo(ResultPay.FAILURE);
        assertThat(completion.returnPage()).isEmpty();
        assertThat(client.onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())).resultPay())
                .isEqualTo(ResultPay.FAILURE);
        assertThatThrownBy(() -> sandbox.onlineBanking().awaitReturn(form.noOrder(), Duration.ZERO))
                .isInstanceOf(AssertionError.class).hasMessageContaining("declined");
        assertThat(sandbox.sentNotifications(form.noOrder())).isEmpty();
    }

    @Test
    void aGbkShopGetsItsReturnInGbk() {
        OnlineBankingForm form = client.onlineBanking().form(order().charsetName("GBK").infoOrder("订单备注：羽毛球拍").build());

        sandbox.onlineBanking().start(form);
        sandbox.onlineBanking().approve(form.noOrder());

        PaymentNotification returned = sandbox.onlineBanking().awaitReturn(form.noOrder());
        assertThat(returned.infoOrder()).contains("订单备注：羽毛球拍");
        assertThat(sandbox.returns()).filteredOn(r -> r.noOrder().orElse("").equals(form.noOrder()))
                .singleElement().satisfies(r -> assertThat(r.charset()).contains(Charset.forName("GB18030")));
    }

    @Test
    void aBankThatKeepsThePayerSendsOnlyTheNotification() {
        OnlineBankingForm form = client.onlineBanking().form(order().bankCode("01020000").build());
        sandbox.onlineBanking().start(form);

        OnlineBankingCompletion completion = sandbox.onlineBanking().approve(form.noOrder());

        assertThat(completion.returnPage()).isEmpty();
        assertThat(sandbox.awaitNotification(form.noOrder()).bankCode()).contains("01020000");
        assertThatThrownBy(() -> sandbox.onlineBanking().awaitReturn(form.noOrder(), Duration.ZERO))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ICBC");
    }

    @Test
    void aFormTheGatewayRefusesFailsWithTheFieldAtFault() {
        OnlineBankingForm stale = client.onlineBanking().form(order()
                .timestamp(sandbox.now().minus(Duration.ofHours(1))).build());

        assertThatThrownBy(() -> sandbox.onlineBanking().start(stale))
                .isInstanceOf(AssertionError.class).hasMessageContaining("1004").hasMessageContaining("(field timestamp)");
        assertThatThrownBy(() -> sandbox.onlineBanking().approve(stale.noOrder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no online banking order");
    }

    @Test
    void formsAreStampedWithTheSandboxClockWhereverItWasMoved() {
        sandbox.advanceClock(Duration.ofHours(2));

        OnlineBankingForm form = client.onlineBanking().form(order().build());

        assertThat(sandbox.onlineBanking().start(form).nextPage().getPath()).startsWith("/payment/cashier/");
    }

    /** An order of 88.80 whose notification and return go to the sandbox's receiver. */
    private OnlineBankingRequest.Builder order() {
        return OnlineBankingRequest.builder()
                .userId("u_1")
                .busiPartner(BusiPartner.VIRTUAL_GOODS)
                .noOrder("WEB" + ORDERS.incrementAndGet())
                .dtOrder(LocalDateTime.now())
                .nameGoods("羽毛球拍")
                .moneyOrder("88.80")
                .notifyUrl(sandbox.notifyUrl())
                .urlReturn(sandbox.returnUrl())
                .riskItem(RiskItem.builder().frmsWareCategory("4002").userInfoMerchtUserno("u_1")
                        .userInfoDtRegister("20230105120000").goodsName("羽毛球拍").build());
    }
}
