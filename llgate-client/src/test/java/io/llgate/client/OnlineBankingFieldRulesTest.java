package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The online banking request refuses before any form exists exactly what the gateway refuses with 1004, naming the
 * same field, and lets through what the gateway accepts: each case goes to both.
 */
class OnlineBankingFieldRulesTest {
    static GatewayWithMerchant at;

    @BeforeAll
    static void start() {
        at = GatewayWithMerchant.start();
    }

    @AfterAll
    static void stop() {
        at.close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "charset_name|ISO-8859-1",
        "user_id|''",
        "user_id|@33",
        "timestamp|2024061210145",
        "no_order|'   '",
        "no_order|@33",
        "dt_order|20240230120000",
        "name_goods|@41",
        "info_order|@256",
        "money_order|0",
        "money_order|1.234",
        "money_order|100000000.01",
        "notify_url|ftp://shop.example.com/notify",
        "notify_url|@129",
        "url_return|return",
        "url_return|@129",
        "url_order|@256",
        "valid_order|0",
        "valid_order|1000000",
        "bank_code|123",
    })
    void bothRefuseTheSameField(String field, String value) {
        Map<String, String> fields = valid();
        fields.put(field, TestClients.expand(value, field));

        assertThatThrownBy(() -> request(fields))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
        Page refused = at.payer().postForm("/payment/bankgateway.htm", at.merchant().sign(fields), Charset.forName("UTF-8"));
        assertThat(refused.byId("ret_code")).as(refused.html()).isEqualTo("1004");
        assertThat(refused.byId("field")).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "charset_name|gb18030",
        "no_order|@32",
        "name_goods|@40",
        "info_order|@255",
        "money_order|0.01",
        "money_order|100000000.00",
        "notify_url|@128",
        "url_return|@128",
        "url_order|@255",
        "valid_order|1",
        "valid_order|999999",
        "userreq_ip|*_*_*_*",
        "risk_item|{\"frms_ware_code\":\"4002\",\"user_info_mercht_userno\":\"u_1\",\"user_info_dt_registe\":\"20230105\",\"goods_name\":\"x\"}",
        "risk_item|{\"frms_ware_category\":\"4002\",\"user_info_mercht_userno\":\"u_1\",\"goods_name\":\"x\"}",
        "risk_item|{\"frms_ware_category\":\"4002\",\"user_info_mercht_userno\":\" \",\"user_info_dt_register\":\"20230105120000\",\"goods_name\":\"x\"}",
        "risk_item|{\"frms_ware_category\":\"4002\",\"user_info_full_name\":\"张三\"}",
    })
    void bothAcceptTheLimits(String field, String value) {
        Map<String, String> fields = valid();
        fields.put(field, TestClients.expand(value, field));

        OnlineBankingForm form = at.client().onlineBanking().form(request(fields));
        Page posted = at.payer().postForm("/payment/bankgateway.htm", form.fields(),
                Charset.forName(form.charsetName().equals("UTF-8") ? "UTF-8" : "GB18030"));

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
    }

    /** The fields of a valid form, before signing; every call gets a fresh no_order. */
    private static Map<String, String> valid() {
        Map<String, String> fields = new LinkedHashMap<>(at.client().onlineBanking()
                .form(TestClients.onlineBanking("http://127.0.0.1:9/notify").build()).fields());
        fields.remove("sign");
        fields.remove("sign_type");
        return fields;
    }

    /** The request the wire fields stand for, through the record's own checks. */
    private static OnlineBankingRequest request(Map<String, String> f) {
        String validOrder = f.get("valid_order");
        return new OnlineBankingRequest(f.get("charset_name"), f.get("user_id"), f.get("timestamp"),
                Arrays.stream(BusiPartner.values()).filter(b -> b.wireValue().equals(f.get("busi_partner")))
                        .findFirst().orElseThrow(),
                f.get("no_order"), f.get("dt_order"), f.get("name_goods"), f.get("info_order"), f.get("money_order"),
                f.get("notify_url"), f.get("url_return"), f.get("userreq_ip"), f.get("url_order"),
                validOrder == null ? null : Integer.valueOf(validOrder), f.get("bank_code"),
                new RiskItem(parse(f.get("risk_item"))), null);
    }

    private static Map<String, String> parse(String json) {
        try {
            return FlatJson.parse(json);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
