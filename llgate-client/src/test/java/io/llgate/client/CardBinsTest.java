package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed card BIN query against a running gateway. */
class CardBinsTest {
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
    void aDebitCardIsAnsweredWithItsBank() {
        CardBin bin = client.cardBins().query("6214830100005566");

        assertThat(bin.cardNoLastFour()).isEqualTo("5566");
        assertThat(bin.bankCode()).isEqualTo("03080000");
        assertThat(bin.bankName()).isEqualTo("招商银行");
        assertThat(bin.cardType()).isEqualTo(CardType.DEBIT);
        assertThat(bin.limits()).isEmpty();
        assertThat(bin.reply().field("sign")).isPresent();
    }

    @Test
    void aCreditCardWithTheLimitsOfVerifiedPaymentWhenKnown() {
        CardBin debit = client.cardBins().query(CardBinQuery.withLimits("6222020000001234", LimitPayType.VERIFIED));
        CardBin credit = client.cardBins().query(CardBinQuery.withLimits("6225768812341234", LimitPayType.VERIFIED));

        assertThat(debit.cardType()).isEqualTo(CardType.DEBIT);
        assertThat(debit.limits()).contains(new CardLimits(50_000, 50_000, 200_000));
        assertThat(credit.cardType()).isEqualTo(CardType.CREDIT);
        assertThat(credit.bankName()).isEqualTo("招商银行");
        assertThat(credit.limits()).as("no verified-payment limits are known for these credit cards").isEmpty();
    }

    @Test
    void anUnknownBinIsTheGatewaysRefusal() {
        assertThatThrownBy(() -> client.cardBins().query("4111111111111111"))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.retCode()).isEqualTo("5001");
                    assertThat(e.code()).contains(RetCode.CARD_BIN_CHECK_FAILED);
                    assertThat(e.signed()).isTrue();
                });
    }

    @Test
    void aCardNumberTheGatewayWouldRefuseIsNotSent() {
        for (String bad : new String[] {null, "", "62148301000", "62148301000055661234", "6214-8301-0000-5566"}) {
            assertThatThrownBy(() -> client.cardBins().query(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("card_no"));
        }
        assertThatThrownBy(() -> CardBinQuery.withLimits("6214830100005566", null))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("pay_type"));
    }
}
