package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK's online banking form, read and posted as a browser would, against a real gateway. */
class OnlineBankingFormTest {
    static GatewayWithMerchant at;

    @BeforeAll
    static void start() {
        at = GatewayWithMerchant.start();
    }

    @AfterAll
    static void stop() {
        at.close();
    }

    @Test
    void thePagePostsItselfToTheGatewayWhichSendsThePayerToTheChosenBank() {
        OnlineBankingRequest request = TestClients.onlineBanking("http://127.0.0.1:9/notify")
                .nameGoods("羽毛球拍 \"Pro\" <2支> & 'x'")
                .infoOrder("第一行\n第二行")
                .bankCode("03080000")
                .payType(PayType.DEBIT)
                .build();

        OnlineBankingForm form = at.client().onlineBanking().form(request);
        Page page = new Page(200, null, form.contentType(), form.html());

        assertThat(form.action()).isEqualTo(at.gateway().baseUri().resolve("/payment/bankgateway.htm"));
        assertThat(form.html()).contains("<meta http-equiv=\"content-type\" content=\"text/html;charset=UTF-8\">",
                "<form id=\"llgate-bankgateway\" method=\"post\" action=\"" + form.action() + "\" accept-charset=\"UTF-8\">",
                "<button type=\"submit\">", "<script>document.getElementById(\"llgate-bankgateway\").submit();</script>",
                "value=\"羽毛球拍 &quot;Pro&quot; &lt;2支&gt; &amp; &#39;x&#39;\"", "value=\"第一行&#13;&#10;第二行\"");
        assertThat(page.hiddenFields()).isEqualTo(form.fields());
        assertThat(form.fields()).containsEntry("version", "1.0").containsEntry("oid_partner", at.merchant().oidPartner())
                .containsEntry("busi_partner", "109001").containsEntry("userreq_ip", "203_0_113_7")
                .containsEntry("info_order", "第一行\r\n第二行").containsEntry("sign_type", "RSA")
                .containsKeys("timestamp", "risk_item", "sign");
        assertThat(MessageSignature.verify(at.merchant().keys().getPublic(), SignType.RSA, form.fields()).valid()).isTrue();

        Page posted = at.payer().postForm("/payment/bankgateway.htm", page.hiddenFields(), StandardCharsets.UTF_8);

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        assertThat(posted.location()).startsWith("/bank/");
        Page bank = at.payer().get(posted.location());
        assertThat(bank.byId("name_goods")).isEqualTo("羽毛球拍 \"Pro\" <2支> & 'x'");
        assertThat(bank.html()).contains("招商银行");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GBK", "GB2312", "GB18030"})
    void aChinesePageSendsItsFormInItsCharsetAndGetsItsReturnInIt(String charsetName) {
        OnlineBankingRequest request = TestClients.onlineBanking("http://127.0.0.1:9/notify")
                .charsetName(charsetName.toLowerCase())
                .nameGoods("羽毛球拍")
                .urlReturn("http://127.0.0.1:9/return")
                .build();
        Charset browser = Charset.forName(charsetName.equals("GB18030") ? "GB18030" : "GBK");

        OnlineBankingForm form = at.client().onlineBanking().form(request);
        String served = new String(form.htmlBytes(), browser);

        assertThat(form.contentType()).isEqualTo("text/html;charset=" + charsetName);
        assertThat(served).isEqualTo(form.html()).contains("accept-charset=\"" + charsetName + "\"");
        Page posted = at.payer().postForm("/payment/bankgateway.htm", new Page(200, null, form.contentType(), served)
                .hiddenFields(), browser);
        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        assertThat(at.payer().get(posted.location()).html()).contains("羽毛球拍");

        String returnPage = at.admin().post("/sandbox/online-banking/" + form.noOrder() + "/complete",
                "{\"result\":\"paid\"}").json().get("return_page").asText();
        LinkedHashMap<String, String> returned = at.payer().get(returnPage).hiddenFields();
        String body = new String(PageClient.formBody(returned, browser), StandardCharsets.US_ASCII);
        PaymentNotification verified = at.client().notificationVerifier().verifyReturnForm(body, Charset.forName("GB18030"));

        assertThat(body).doesNotContain("%E8%AE%A2");
        assertThat(verified.noOrder()).isEqualTo(form.noOrder());
        assertThat(verified.infoOrder()).contains("订单备注");
        assertThat(verified.resultPay()).isEqualTo(ResultPay.SUCCESS);
    }

    @Test
    void aCharacterThePagesCharsetCannotHoldIsRefusedBeforeTheFormExists() {
        OnlineBankingRequest.Builder gbk = TestClients.onlineBanking("http://127.0.0.1:9/notify").charsetName("GBK");

        assertThatThrownBy(() -> gbk.nameGoods("羽毛球拍😀").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("name_goods"));
        assertThat(gbk.charsetName("GB18030").nameGoods("羽毛球拍😀").build().nameGoods()).isEqualTo("羽毛球拍😀");
    }

    @Test
    void theClientsClockStampsTheFormUnlessTheRequestCarriesATimestamp() {
        OnlineBankingRequest.Builder request = TestClients.onlineBanking("http://127.0.0.1:9/notify");
        try (LlGateClient late = LlGateClient.builder().baseUri(at.gateway().baseUri()).oidPartner(at.merchant().oidPartner())
                .merchantPrivateKey(at.merchant().keys().getPrivate()).gatewayPublicKey(at.gateway().publicKey())
                .clock(Clock.fixed(Instant.parse("2024-06-12T02:14:55Z"), ZoneOffset.UTC))
                .build()) {
            assertThat(late.onlineBanking().form(request.build()).fields()).containsEntry("timestamp", "20240612101455");
            assertThat(late.onlineBanking().form(request.timestamp("20240612101500").build()).fields())
                    .containsEntry("timestamp", "20240612101500");

            Page posted = at.payer().postForm("/payment/bankgateway.htm", late.onlineBanking().form(request.build()).fields(),
                    StandardCharsets.UTF_8);
            assertThat(posted.byId("field")).as(posted.html()).isEqualTo("timestamp");
        }
    }
}
