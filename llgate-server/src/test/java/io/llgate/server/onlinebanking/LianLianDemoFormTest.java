package io.llgate.server.onlinebanking;

import static io.llgate.server.onlinebanking.BankGatewayForms.BANK_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.Signatures;
import io.llgate.server.Gateway;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms LianLian's own web demo (LLP-ExpressPay-Java) builds: a {@code risk_item} with two of the basic keys
 * (14 D20), and missing fields written as the text {@code null}, which its signing helper leaves out of the sign
 * source (00 A3b). Both are accepted and the {@code null} fields are absent.
 */
class LianLianDemoFormTest {
    static final String NOTIFY_URL = "https://shop.example.com/pay/notify";
    static Gateway gateway;
    static PageClient payer;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        payer = new PageClient(gateway);
        merchant = TestMerchant.register(gateway, 0);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** The online banking form as the demo's servlet fills it. */
    private static LinkedHashMap<String, String> demoForm() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("0.01", NOTIFY_URL);
        form.remove("info_order");
        form.remove("userreq_ip");
        form.put("url_return", "https://shop.example.com/pay/return");
        form.put("risk_item", "{\"frms_ware_category\":\"2009\",\"user_info_full_name\":\"张三\"}");
        return form;
    }

    /**
     * Signs like LianLian's helper: every value that is empty or the text null stays out of the source, unless
     * {@code keepNull} asks for a signer that does not know the rule.
     */
    private static LinkedHashMap<String, String> signed(Map<String, String> fields, boolean keepNull) {
        LinkedHashMap<String, String> form = new LinkedHashMap<>(fields);
        form.put("sign_type", "RSA");
        form.put("sign", Signatures.sign(merchant.keys().getPrivate(), SignType.RSA,
                SignSource.of(form, Set.of(), SignSource.CASE_INSENSITIVE, keepNull)));
        return form;
    }

    private static Page post(Map<String, String> signedForm) {
        return payer.postForm(BANK_GATEWAY, signedForm, StandardCharsets.UTF_8);
    }

    @Test
    void theDemosOnlineBankingFormWithTwoRiskKeysIsAccepted() {
        Page posted = post(signed(demoForm(), false));

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        assertThat(posted.location()).startsWith("/payment/cashier/");
        Page cashier = payer.get(posted.location());
        assertThat(cashier.status()).isEqualTo(200);
        assertThat(cashier.html()).contains("羽毛球拍");
    }

    @ParameterizedTest(name = "null text kept in the sign source: {0}")
    @ValueSource(booleans = {false, true})
    void theDemosCardPresetFormWithNullFieldsIsAcceptedAndTheNullsAreAbsent(boolean keepNull) {
        LinkedHashMap<String, String> form = demoForm();
        form.put("no_agree", "null");
        form.put("card_no", "null");
        form.put("acct_name", "null");
        form.put("id_no", "null");
        // Fields the gateway reads: each is absent, not a malformed value.
        form.put("bank_code", "null");
        form.put("pay_type", "null");
        form.put("valid_order", "null");
        form.put("info_order", "null");
        form.put("url_order", "null");

        Page posted = post(signed(form, keepNull));

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        // No bank was chosen: the payer goes to the cashier, not to a bank called "null".
        assertThat(posted.location()).startsWith("/payment/cashier/");
        String noOrder = form.get("no_order");
        Map<String, Object> stored = gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT * FROM online_banking_order WHERE no_order = :no").bind("no", noOrder).mapToMap().one());
        assertThat(stored.get("bank_code")).isNull();
        assertThat(stored.get("info_order")).isNull();
        assertThat(stored.get("url_order")).isNull();
    }

    @Test
    void aRequiredFieldWrittenAsNullIsMissing() {
        LinkedHashMap<String, String> form = demoForm();
        form.put("name_goods", "null");

        Page refused = BankGatewayForms.writesNothing(gateway, () -> post(signed(form, false)));

        BankGatewayForms.assertParamError(refused, "name_goods");
    }

    @Test
    void aCharsetWrittenAsNullIsUtf8() {
        LinkedHashMap<String, String> form = demoForm();
        form.put("charset_name", "null");

        assertThat(post(signed(form, false)).status()).isEqualTo(303);
    }

    @ParameterizedTest(name = "risk_item {0}")
    @ValueSource(strings = {"{}", "{\"user_info_full_name\":\"张三\"}",
            "\"{\\\"frms_ware_category\\\":\\\"2009\\\"}\""})
    void aRiskItemIsOnlyRefusedWhenItIsNotAnObject(String riskItem) {
        LinkedHashMap<String, String> form = demoForm();
        form.put("risk_item", riskItem);

        Page posted = post(signed(form, false));

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
    }
}
