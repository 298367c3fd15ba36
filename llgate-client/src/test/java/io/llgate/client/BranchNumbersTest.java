package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed branch number query against a running gateway. */
class BranchNumbersTest {
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
    void theBranchesOfABankInACityByPartOfTheirName() {
        BranchNumberAnswer answer = client.branchNumbers().query(BranchNumberQuery.ofBank("03080000", "330100", "西湖"));

        assertThat(answer.bankCode()).isEqualTo("03080000");
        assertThat(answer.branches()).containsExactly(
                new BankBranch("308331099901", "招商银行股份有限公司杭州西湖示例支行"),
                new BankBranch("308331099902", "招商银行股份有限公司杭州西湖大道示例支行"));
        assertThat(answer.reply().field("sign")).isPresent();
    }

    @Test
    void aReplyWhoseListIsOutsideTheSignatureIsVerifiedWithoutIt() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        new TestAdmin(gateway).patch("/admin/merchants/" + merchant.oidPartner(),
                "{\"list_signing\":\"card_list=exclude\"}");
        try (LlGateClient excluding = TestClients.of(gateway, merchant)) {
            BranchNumberQuery query = BranchNumberQuery.ofBank("03080000", "330100", "西湖");

            assertThat(excluding.branchNumbers().query(query).branches())
                    .isEqualTo(client.branchNumbers().query(query).branches());
        }
    }

    @Test
    void theBankOfACard() {
        BranchNumberAnswer answer = client.branchNumbers().query(BranchNumberQuery.ofCard("6222020000001234", "110000",
                "海淀"));

        assertThat(answer.bankCode()).isEqualTo("01020000");
        assertThat(answer.branches()).extracting(BankBranch::prcptcd).containsExactly("102100099992");
    }

    @Test
    void nothingMatchingAndAnUnknownBinAreTheGatewaysRefusals() {
        assertThatThrownBy(() -> client.branchNumbers().query(BranchNumberQuery.ofBank("03080000", "330100", "东湖")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                    assertThat(e.code()).contains(RetCode.BANK_NUMBER_LOOKUP_FAILED);
                    assertThat(e.signed()).isTrue();
                });
        assertThatThrownBy(() -> client.branchNumbers().query(BranchNumberQuery.ofCard("4111111111111111", "330100",
                "西湖"))).isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("5001"));
    }

    @Test
    void fieldsTheGatewayWouldRefuseAreNotSent() {
        assertField(() -> new BranchNumberQuery(null, null, "330100", "西湖"), "bank_code");
        assertField(() -> BranchNumberQuery.ofBank("0308000", "330100", "西湖"), "bank_code");
        assertField(() -> BranchNumberQuery.ofCard("62148301000", "330100", "西湖"), "card_no");
        assertField(() -> BranchNumberQuery.ofBank("03080000", "33010", "西湖"), "city_code");
        assertField(() -> BranchNumberQuery.ofBank("03080000", null, "西湖"), "city_code");
        assertField(() -> BranchNumberQuery.ofBank("03080000", "330100", " "), "brabank_name");
        assertField(() -> BranchNumberQuery.ofBank("03080000", "330100", "支".repeat(101)), "brabank_name");
    }

    private static void assertField(Runnable construction, String field) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
