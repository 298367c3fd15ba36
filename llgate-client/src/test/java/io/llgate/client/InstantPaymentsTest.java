package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.PayeeKind;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstantPaymentsTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    TestMerchant merchant;
    LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @BeforeEach
    void newMerchant() {
        merchant = TestMerchant.register(gateway, 100_000);
        client = TestClients.of(gateway, merchant);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void paysOutAndReadsTheResultAndTheBalance() {
        PayoutRequest request = TestClients.payout("5678", receiver.url()).moneyOrder("250.5").build();

        PayoutApplyResult result = client.instantPayments().apply(request);

        assertThat(result).isInstanceOf(PayoutApplyResult.Accepted.class);
        PayoutApplyResult.Accepted accepted = (PayoutApplyResult.Accepted) result;
        assertThat(accepted.noOrder()).isEqualTo(request.noOrder());
        assertThat(accepted.oidPaybill()).matches("\\d{16}");
        assertThat(accepted.reply().field("ret_msg")).contains("交易成功");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.instantPayments().query(PayoutQuery.byNoOrder(request.noOrder())).resultPay() == ResultPay.SUCCESS);
        Payout payout = client.instantPayments().query(PayoutQuery.byOidPaybill(accepted.oidPaybill()));
        assertThat(payout.noOrder()).isEqualTo(request.noOrder());
        assertThat(payout.dtOrder()).isEqualTo(request.dtOrder());
        assertThat(payout.moneyOrderFen()).isEqualTo(25_050);
        assertThat(payout.moneyOrder()).isEqualTo("250.50");
        assertThat(payout.settleDate()).get().asString().matches("\\d{8}");
        assertThat(payout.infoOrder()).contains("供应商结算");
        Balance balance = client.balance();
        assertThat(balance.amtBalance()).isEqualTo("749.50");
        assertThat(balance.amtBalanceFen()).isEqualTo(74_950);
        assertThat(balance.amtUnsettle()).isEqualTo("0.00");
    }

    @Test
    void aPayoutToTheSameCardIsHeldAndConfirmedWithItsCode() {
        PayoutRequest first = TestClients.payout("5678", receiver.url()).build();
        client.instantPayments().apply(first);
        PayoutRequest second = TestClients.payout("5678", receiver.url()).cardNo(first.cardNo()).build();

        PayoutApplyResult held = client.instantPayments().apply(second);

        assertThat(held).isInstanceOfSatisfying(PayoutApplyResult.NeedsConfirmation.class, h -> {
            assertThat(h.reason()).isEqualTo(PayoutApplyResult.Reason.SUSPECTED_DUPLICATE);
            assertThat(h.confirmCode()).matches("\\d{6}");
            assertThat(h.reply().field("ret_code")).contains("4002");
        });
        assertThat(client.instantPayments().query(PayoutQuery.byNoOrder(second.noOrder())).resultPay())
                .isEqualTo(ResultPay.CHECK);
        PayoutApplyResult.Accepted confirmed = client.instantPayments().confirm(
                PayoutConfirmation.of((PayoutApplyResult.NeedsConfirmation) held, receiver.url()));
        assertThat(confirmed.oidPaybill()).matches("\\d{16}");
        assertThat(confirmed.noOrder()).isEqualTo(second.noOrder());
    }

    @Test
    void aNameTheBankDoesNotKnowIsHeldForConfirmation() {
        PayoutApplyResult held = client.instantPayments().apply(TestClients.payout("0004", receiver.url()).build());

        assertThat(held).isInstanceOfSatisfying(PayoutApplyResult.NeedsConfirmation.class,
                h -> assertThat(h.reason()).isEqualTo(PayoutApplyResult.Reason.NAME_MISMATCH));
    }

    @Test
    void aWrongConfirmCodeIsAReturnCode() {
        PayoutApplyResult.NeedsConfirmation held = (PayoutApplyResult.NeedsConfirmation)
                client.instantPayments().apply(TestClients.payout("0004", receiver.url()).build());
        String wrong = held.confirmCode().equals("000000") ? "000001" : "000000";

        assertThatThrownBy(() -> client.instantPayments().confirm(
                PayoutConfirmation.of(held.noOrder(), wrong, receiver.url())))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("4011");
                    assertThat(e.retMsg()).isEqualTo("验证码不匹配");
                    assertThat(e.signed()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                });
    }

    @Test
    void aReusedOrderNumberIsRefusedAndSaysToQueryFirst() {
        PayoutRequest request = TestClients.payout("5678", receiver.url()).build();
        client.instantPayments().apply(request);

        assertThatThrownBy(() -> client.instantPayments().apply(request))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isIn("1002", "2005");
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.reply()).containsEntry("no_order", request.noOrder());
                });
    }

    @Test
    void aPayoutAboveTheBalanceIsRefused() {
        assertThatThrownBy(() -> client.instantPayments().apply(
                TestClients.payout("5678", receiver.url()).moneyOrder("1000.01").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("5006");
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThat(client.balance().amtBalance()).isEqualTo("1000.00");
    }

    @Test
    void anUnknownOrderIsASignedNoRecord() {
        assertThatThrownBy(() -> client.instantPayments().query(PayoutQuery.byNoOrder("NO-SUCH-ORDER")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("8901");
                    assertThat(e.retMsg()).isEqualTo("没有记录");
                    assertThat(e.signed()).isTrue();
                });
    }

    @Test
    void aCorporateAccountIsPaidWithItsBankCodeAndBranch() {
        PayoutRequest request = TestClients.payout("5678", receiver.url()).payeeKind(PayeeKind.CORPORATE)
                .bankCode("03080000").prcptcd("308331099901").build();
        assertThat(request.fields()).containsEntry("flag_card", "1").containsEntry("prcptcd", "308331099901");

        PayoutApplyResult result = client.instantPayments().apply(request);

        assertThat(result).isInstanceOf(PayoutApplyResult.Accepted.class);
        assertThatThrownBy(() -> client.instantPayments().apply(TestClients.payout("5678", receiver.url())
                .payeeKind(PayeeKind.CORPORATE).bankCode("03080000").prcptcd("308331000000").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("5501"));
    }

    @Test
    void aPersonalCardIsFlagCardZeroAndCarriesNoBranch() {
        assertThat(TestClients.payout("5678", receiver.url()).build().fields()).containsEntry("flag_card", "0");
        assertThatThrownBy(() -> TestClients.payout("5678", receiver.url()).prcptcd("308331099901").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("prcptcd"));
        assertThatThrownBy(() -> TestClients.payout("5678", receiver.url()).payeeKind(PayeeKind.CORPORATE).build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("bank_code"));
    }

    @Test
    void signsWithSha256WhenAskedAndTheGatewayAnswersInKind() {
        try (LlGateClient sha = LlGateClient.builder().baseUri(gateway.baseUri()).oidPartner(merchant.oidPartner())
                .merchantPrivateKey(merchant.keys().getPrivate()).gatewayPublicKey(gateway.publicKey())
                .signType(io.llgate.protocol.SignType.SHA256WITHRSA).build()) {
            Balance balance = sha.balance();

            assertThat(balance.reply().field("sign_type")).contains("SHA256WITHRSA");
        }
    }
}
