package io.example.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.testkit.LlGateSandbox;
import io.llgate.testkit.OnlineBankingCompletion;
import io.llgate.testkit.OnlineBankingStart;
import io.llgate.testkit.Sandbox;
import io.llgate.testkit.SentNotification;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shop's checkout against a sandbox gateway: what a payer at the shop, and the shop's accountant, would notice. */
@LlGateSandbox
class ShopCheckoutTest {
    static AppHttp http;

    @BeforeAll
    static void start(LlGateClient client) {
        http = AppHttp.start(client);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void aPayerPaysByOnlineBankingComesBackToAPaidOrderAndTheShopCountsItOnce(Sandbox sandbox) throws Exception {
        HttpResponse<String> checkout = checkout("user_id=u_1&goods=" + AppHttp.utf8("羽毛球拍") + "&amount=88.80");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(200);
        assertThat(checkout.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");

        OnlineBankingStart started = sandbox.onlineBanking().start(checkout.body());
        OnlineBankingCompletion paid = sandbox.onlineBanking().approve(started.noOrder());

        assertThat(started.nextPage().getPath()).startsWith("/payment/cashier/");
        assertThat(paid.returned()).hasValueSatisfying(page -> {
            assertThat(page.urlReturn()).hasToString(http.app().url() + "/llgate/return");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("支付成功", started.noOrder(), "88.80");
        });
        sandbox.awaitSentNotification(started.noOrder(), n -> n.status() == SentNotification.Status.DELIVERED);
        sandbox.resendNotification(started.noOrder());
        sandbox.awaitSentNotification(started.noOrder(),
                n -> n.status() == SentNotification.Status.DELIVERED && n.attempts().size() >= 2);
        assertThat(http.get("/orders/" + started.noOrder())).containsEntry("status", "PAID")
                .containsEntry("oid_paybill", paid.oidPaybill()).containsEntry("goods", "羽毛球拍");
        assertThat(http.app().shop().paid()).containsOnlyOnce(started.noOrder());
    }

    @Test
    void whenTheBankKeepsThePayerTheNotificationAlonePaysTheOrder(Sandbox sandbox) throws Exception {
        HttpResponse<String> checkout = checkout("user_id=u_2&goods=" + AppHttp.utf8("球拍线")
                + "&amount=30.00&bank_code=01020000");

        OnlineBankingStart started = sandbox.onlineBanking().start(checkout.body());
        OnlineBankingCompletion paid = sandbox.onlineBanking().approve(started.noOrder());
        sandbox.awaitSentNotification(started.noOrder(), n -> n.status() == SentNotification.Status.DELIVERED);

        assertThat(started.nextPage().getPath()).startsWith("/bank/");
        assertThat(paid.returned()).isEmpty();
        assertThat(http.get("/orders/" + started.noOrder())).containsEntry("status", "PAID");
    }

    @Test
    void aReturnTheGatewayDidNotSignPaysNothing(Sandbox sandbox) throws Exception {
        String noOrder = sandbox.onlineBanking().start(checkout("user_id=u_3&goods=" + AppHttp.utf8("羽毛球") + "&amount=12.00")
                .body()).noOrder();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("oid_partner", sandbox.oidPartner());
        forged.put("no_order", noOrder);
        forged.put("dt_order", "20240612101500");
        forged.put("oid_paybill", "2024061200000001");
        forged.put("money_order", "12.00");
        forged.put("result_pay", "SUCCESS");
        // Signed with the merchant's own key, which is not the gateway's.
        StringJoiner body = new StringJoiner("&");
        MessageSignature.sign(sandbox.merchantKeys().getPrivate(), SignType.RSA, forged)
                .forEach((name, value) -> body.add(name + "=" + AppHttp.utf8(value)));

        HttpResponse<String> answer = http.postForm("/llgate/return", body.toString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("无法确认支付结果");
        assertThat(http.get("/orders/" + noOrder)).containsEntry("status", "WAITING");
    }

    @Test
    void aBadAmountIsRefusedAtCheckout() throws Exception {
        HttpResponse<String> checkout = checkout("user_id=u_4&goods=x&amount=12.345");

        assertThat(checkout.statusCode()).isEqualTo(400);
        assertThat(checkout.body()).contains("money_order");
    }

    private static HttpResponse<String> checkout(String form) throws Exception {
        return http.postForm("/checkout", form);
    }
}
