package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The online banking result query, versions 1.0 and 1.1, and what its signature does and does not cover. */
class OnlineBankingQueryTest {
    static GatewayWithMerchant at;
    static TamperingProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        at = GatewayWithMerchant.start();
        proxy = new TamperingProxy(at.gateway().baseUri());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        at.close();
    }

    @Test
    void aWaitingOrderAtTheBankIsWaitingWithTheBanksWord() {
        OnlineBankingForm form = post(TestClients.onlineBanking("http://127.0.0.1:9/notify").bankCode("03080000")
                .payType(PayType.CREDIT).build());

        OnlineBankingPayment plain = at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder()));
        OnlineBankingPayment withMemo = at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())
                .withQueryVersion("1.1"));

        assertThat(plain.resultPay()).isEqualTo(ResultPay.WAITING);
        assertThat(plain.moneyOrder()).isEqualTo("88.80");
        assertThat(plain.dtOrder()).isEqualTo(form.fields().get("dt_order"));
        assertThat(plain.infoOrder()).contains("订单备注");
        assertThat(plain.payType()).contains("8");
        assertThat(plain.bankCode()).contains("03080000");
        assertThat(plain.settleDate()).isEmpty();
        assertThat(plain.memo()).isEmpty();
        assertThat(plain.reply().fields()).doesNotContainKeys("memo", "bank_name");
        assertThat(withMemo.memo()).contains("等待付款");
        assertThat(withMemo.bankName()).contains("招商银行");
        assertThat(withMemo.oidPaybill()).isEqualTo(plain.oidPaybill());
    }

    @Test
    void aPaidOrderReportsItsSettlementByEitherNumber() {
        OnlineBankingForm form = post(TestClients.onlineBanking("http://127.0.0.1:9/notify").build());
        String oidPaybill = at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())).oidPaybill();
        complete(form.noOrder(), "paid");

        OnlineBankingPayment paid = at.client().onlineBanking().query(OnlineBankingQuery.byOidPaybill(oidPaybill)
                .withQueryVersion("1.1"));

        assertThat(paid.noOrder()).isEqualTo(form.noOrder());
        assertThat(paid.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(paid.settleDate()).hasValueSatisfying(date -> assertThat(date).matches("\\d{8}"));
        assertThat(paid.payType()).contains("1");
        assertThat(paid.memo()).contains("支付成功");
        assertThat(at.client().onlineBanking().query(new OnlineBankingQuery(form.noOrder(), oidPaybill,
                form.fields().get("dt_order"), "u_778812", "1.0")).resultPay()).isEqualTo(ResultPay.SUCCESS);
    }

    @Test
    void aDeclinedOrderFailed() {
        OnlineBankingForm form = post(TestClients.onlineBanking("http://127.0.0.1:9/notify").build());
        complete(form.noOrder(), "declined");

        OnlineBankingPayment declined = at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())
                .withQueryVersion("1.1"));

        assertThat(declined.resultPay()).isEqualTo(ResultPay.FAILURE);
        assertThat(declined.memo()).contains("付款人未完成支付");
        assertThat(declined.settleDate()).isEmpty();
    }

    @Test
    void noSuchOrderIs8901AndAnotherOrderTimeFindsNothing() {
        OnlineBankingForm form = post(TestClients.onlineBanking("http://127.0.0.1:9/notify").build());

        assertThatThrownBy(() -> at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder("NO-SUCH-ORDER")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("8901");
                    assertThat(e.signed()).isTrue();
                });
        assertThatThrownBy(() -> at.client().onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())
                .withDtOrder("20200101000000")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("8901"));
    }

    @Test
    void bothRefuseAnUnknownQueryVersion() {
        assertThatThrownBy(() -> OnlineBankingQuery.byNoOrder("WEB1").withQueryVersion("2.0"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("query_version"));
        assertThatThrownBy(() -> new OnlineBankingQuery(null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_order"));

        VerifiedMessage reply = at.client().call(OnlineBanking.QUERY, Envelope.PLAIN,
                Map.of("no_order", "WEB1", "query_version", "2.0"));
        assertThat(reply.field("ret_msg")).contains("商户请求参数校验错误（query_version）");
    }

    @Test
    void memoAndBankNameAreOutsideTheSignatureOfVersion11AndEverythingIsInsideItOfVersion10() {
        OnlineBankingForm form = post(TestClients.onlineBanking("http://127.0.0.1:9/notify").bankCode("03080000").build());
        complete(form.noOrder(), "paid");
        OnlineBankingQuery v11 = OnlineBankingQuery.byNoOrder(form.noOrder()).withQueryVersion("1.1");
        try (LlGateClient viaProxy = LlGateClient.builder().baseUri(proxy.url()).oidPartner(at.merchant().oidPartner())
                .merchantPrivateKey(at.merchant().keys().getPrivate()).gatewayPublicKey(at.gateway().publicKey()).build()) {
            proxy.rewrite(answer -> answer.replace("招商银行", "某某银行"));
            assertThat(viaProxy.onlineBanking().query(v11).bankName()).contains("某某银行");

            proxy.rewrite(answer -> answer.replace("\"result_pay\":\"SUCCESS\"", "\"result_pay\":\"FAILURE\""));
            assertThatThrownBy(() -> viaProxy.onlineBanking().query(v11)).isInstanceOf(LlGateSignatureException.class);

            proxy.rewrite(answer -> answer.replace("}", ",\"memo\":\"支付成功\"}"));
            assertThatThrownBy(() -> viaProxy.onlineBanking().query(OnlineBankingQuery.byNoOrder(form.noOrder())))
                    .isInstanceOf(LlGateSignatureException.class);
        } finally {
            proxy.rewrite(answer -> answer);
        }
    }

    /** Posts the client's form from the payer's browser, which the gateway must accept. */
    private static OnlineBankingForm post(OnlineBankingRequest request) {
        OnlineBankingForm form = at.client().onlineBanking().form(request);
        Page posted = at.payer().postForm("/payment/bankgateway.htm", form.fields(), StandardCharsets.UTF_8);
        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        return form;
    }

    /** The sandbox bank's answer, through the sandbox control. */
    private static void complete(String noOrder, String result) {
        assertThat(at.admin().post("/sandbox/online-banking/" + noOrder + "/complete", "{\"result\":\"" + result + "\"}")
                .status()).isEqualTo(200);
    }
}
