package io.llgate.server.instantpay;

import static io.llgate.server.instantpay.SandboxOutcomesTest.balance;
import static io.llgate.server.instantpay.SandboxOutcomesTest.confirmation;
import static io.llgate.server.instantpay.SandboxOutcomesTest.queryByOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Suspected duplicates and mismatches: CHECK, confirm codes, the 24 h window and closing. */
class ConfirmationTest {
    // A gateway per test: some tests move its clock.
    Gateway gateway;
    NotificationReceiver receiver;
    TestAdmin admin;
    TestMerchant merchant;

    @BeforeEach
    void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
        merchant = TestMerchant.register(gateway, 100_000);
    }

    @AfterEach
    void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void aSecondPayoutToTheSameCardWithin24HoursNeedsConfirmation() {
        String card = "6222020000005555";
        assertThat(apply(card, "10.00").retCode()).isEqualTo("0000");

        LinkedHashMap<String, String> second = merchant.payout(card, "20.00", receiver.url());
        Reply suspect = merchant.sealed("/paymentapi/payment.htm", second);
        assertThat(suspect.retCode()).isEqualTo("4002");
        assertThat(suspect.get("ret_msg")).isEqualTo("疑似重复提交订单");
        assertThat(suspect.signatureValid()).isTrue();
        assertThat(suspect.get("confirm_code")).matches("\\d{6}");
        assertThat(balance(merchant)).isEqualTo("970.00");

        Reply confirmed = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, second.get("no_order"), suspect.get("confirm_code"), receiver.url()));
        assertThat(confirmed.retCode()).isEqualTo("0000");
        assertThat(confirmed.get("no_order")).isEqualTo(second.get("no_order"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SUCCESS".equals(queryByOrder(merchant, second.get("no_order")).get("result_pay")));

        Reply again = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, second.get("no_order"), suspect.get("confirm_code"), receiver.url()));
        assertThat(again.retCode()).isEqualTo("4001");
        assertThat(again.get("ret_msg")).isEqualTo("该订单不存在或非复核状态");
    }

    @Test
    void aDuplicateWithANameMismatchAnswers4004() {
        assertThat(apply("6222020000000004", "10.00").retCode()).isEqualTo("4003");
        Reply both = apply("6222020000000004", "10.00");
        assertThat(both.retCode()).isEqualTo("4004");
        assertThat(both.get("ret_msg")).isEqualTo("疑似重复提交订单且收款银行卡和姓名不一致");
    }

    @Test
    void theSameCardAfter24HoursIsNotSuspect() {
        assertThat(apply("6222020000005555", "10.00").retCode()).isEqualTo("0000");
        admin.post("/sandbox/clock/advance", "{\"by\":\"PT24H1S\"}");
        assertThat(apply("6222020000005555", "10.00").retCode()).isEqualTo("0000");
    }

    @Test
    void wrongCodesAnswer4011UntilTheSeventhClosesTheOrderWith4008() {
        apply("6222020000005555", "10.00");
        LinkedHashMap<String, String> second = merchant.payout("6222020000005555", "20.00", receiver.url());
        Reply suspect = merchant.sealed("/paymentapi/payment.htm", second);
        String wrong = suspect.get("confirm_code").equals("000000") ? "111111" : "000000";

        for (int i = 1; i <= 6; i++) {
            Reply reply = merchant.sealed("/paymentapi/confirmPayment.htm",
                    confirmation(merchant, second.get("no_order"), wrong, receiver.url()));
            assertThat(reply.retCode()).as("wrong code %d", i).isEqualTo("4011");
            assertThat(reply.get("ret_msg")).isEqualTo("验证码不匹配");
        }
        Reply seventh = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, second.get("no_order"), wrong, receiver.url()));
        assertThat(seventh.retCode()).isEqualTo("4008");
        assertThat(queryByOrder(merchant, second.get("no_order")).get("result_pay")).isEqualTo("CLOSED");

        Reply late = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, second.get("no_order"), suspect.get("confirm_code"), receiver.url()));
        assertThat(late.retCode()).isEqualTo("4001");
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(merchant).equals("990.00"));
    }

    @Test
    void anUnconfirmedOrderClosesAfter24HoursAndReleasesItsFunds() {
        LinkedHashMap<String, String> request = merchant.payout("6222020000000004", "300.00", receiver.url());
        Reply suspect = merchant.sealed("/paymentapi/payment.htm", request);
        assertThat(suspect.retCode()).isEqualTo("4003");
        assertThat(balance(merchant)).isEqualTo("700.00");

        TestAdmin.Response moved = admin.post("/sandbox/clock/advance", "{\"by\":\"P1D\"}");
        assertThat(moved.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "CLOSED".equals(queryByOrder(merchant, request.get("no_order")).get("result_pay")));
        assertThat(balance(merchant)).isEqualTo("1000.00");
        Reply late = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, request.get("no_order"), suspect.get("confirm_code"), receiver.url()));
        assertThat(late.retCode()).isEqualTo("4001");
        assertThat(receiver.received()).isEmpty();
    }

    private Reply apply(String card, String amount) {
        return merchant.sealed("/paymentapi/payment.htm", merchant.payout(card, amount, receiver.url()));
    }
}
