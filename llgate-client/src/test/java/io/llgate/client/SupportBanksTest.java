package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed support bank query against a running gateway. */
class SupportBanksTest {
    static Gateway gateway;
    static LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        client = TestClients.of(gateway, TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void theBanksOfVerifiedCollectionThroughTheApiWithTheirLimitsAndMaintenance() {
        List<SupportBank> banks = client.supportBanks().query(
                SupportBankQuery.of(CollectionProductType.VERIFIED, PayChannel.API));

        assertThat(banks).extracting(SupportBank::bankCode).isSorted().contains("01040000", "03080000");
        assertThat(banks).allSatisfy(bank -> assertThat(bank.cardType()).isEqualTo(CardType.DEBIT));
        assertThat(banks).contains(
                new SupportBank("01040000", "中国银行", CardType.DEBIT, new CardLimits(10_000, 20_000, 90_000_000), true),
                new SupportBank("03080000", "招商银行", CardType.DEBIT, new CardLimits(50_000, 50_000, 200_000), false));
    }

    @Test
    void oneBankOrCreditCardsOrAChannelWithNoBank() {
        assertThat(client.supportBanks().query(SupportBankQuery.of(CollectionProductType.VERIFIED, PayChannel.API)
                .bank("03080000"))).extracting(SupportBank::bankCode).containsExactly("03080000");
        assertThat(client.supportBanks().query(SupportBankQuery.of(CollectionProductType.VERIFIED,
                PayChannel.INSTALLMENT_APP).cards(CardType.CREDIT)))
                .isNotEmpty().allSatisfy(bank -> assertThat(bank.cardType()).isEqualTo(CardType.CREDIT));
        assertThat(client.supportBanks().query(SupportBankQuery.of(CollectionProductType.NEW_VERIFIED,
                PayChannel.INSTALLMENT_PC_WEB))).isEmpty();
    }

    @Test
    void aBankTheProductDoesNotAcceptIsTheGatewaysRefusal() {
        assertThatThrownBy(() -> client.supportBanks().query(
                SupportBankQuery.of(CollectionProductType.VERIFIED, PayChannel.API).bank("03050000")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("1805");
                    assertThat(e.code()).contains(RetCode.BANK_NOT_SUPPORTED);
                    assertThat(e.signed()).isTrue();
                });
    }

    @Test
    void fieldsTheGatewayWouldRefuseAreNotSent() {
        SupportBankQuery query = SupportBankQuery.of(CollectionProductType.VERIFIED, PayChannel.API);
        for (String bad : new String[] {"", "0308000", "030800001", "0308000x"}) {
            assertThatThrownBy(() -> query.bank(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("bank_code"));
        }
        assertThatThrownBy(() -> SupportBankQuery.of(null, PayChannel.API))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("product_type"));
        assertThatThrownBy(() -> SupportBankQuery.of(CollectionProductType.VERIFIED, null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("pay_chnl"));
        assertThat(query.cards(null).cardType()).isEqualTo(CardType.DEBIT);
    }

    @Test
    void aReplySignedForAMerchantsListSigningIsVerified() {
        for (String mode : new String[] {"include", "exclude"}) {
            TestMerchant merchant = TestMerchant.register(gateway, 0);
            new TestAdmin(gateway).patch("/admin/merchants/" + merchant.oidPartner(),
                    "{\"list_signing\":\"support_banklist=" + mode + "\"}");
            try (LlGateClient signedFor = TestClients.of(gateway, merchant)) {
                assertThat(signedFor.supportBanks().query(SupportBankQuery.of(CollectionProductType.VERIFIED,
                        PayChannel.API))).as(mode).isEqualTo(client.supportBanks().query(
                                SupportBankQuery.of(CollectionProductType.VERIFIED, PayChannel.API)));
            }
        }
    }
}
