package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignSourceTest {

    private static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    @Test
    void buildsTheExampleOfTheConventions() {
        Map<String, String> message = fields(
                "card_no", "621483******5566",
                "oid_partner", "201912300000123456",
                "sign_type", "RSA",
                "api_version", "");

        assertThat(SignSource.of(message))
                .isEqualTo("card_no=621483******5566&oid_partner=201912300000123456&sign_type=RSA");
    }

    @Test
    void sortsMixedCaseKeysCaseInsensitivelyByDefaultAndByBytesOnRequest() {
        Map<String, String> message = fields("payLoad", "p", "pay_type", "t", "Zone", "z", "amount", "1");

        assertThat(SignSource.of(message)).isEqualTo("amount=1&pay_type=t&payLoad=p&Zone=z");
        assertThat(SignSource.of(message, Set.of(), SignSource.CASE_INSENSITIVE))
                .isEqualTo("amount=1&pay_type=t&payLoad=p&Zone=z");
        assertThat(SignSource.of(message, Set.of(), SignSource.BYTE_ORDER))
                .isEqualTo("Zone=z&amount=1&payLoad=p&pay_type=t");
    }

    @Test
    void keysThatDifferOnlyInCaseGetTheSameOrderWhateverTheMapOrder() {
        Map<String, String> oneWay = fields("a", "2", "A", "1");
        Map<String, String> otherWay = fields("A", "1", "a", "2");

        assertThat(SignSource.of(oneWay)).isEqualTo("A=1&a=2");
        assertThat(SignSource.of(otherWay)).isEqualTo("A=1&a=2");
    }

    @Test
    void dropsNullAndEmptyValuesButKeepsWhitespaceOnlyValues() {
        Map<String, String> message = new HashMap<>();
        message.put("empty", "");
        message.put("missing", null);
        message.put("space", " ");
        message.put("tab", "\t");
        message.put("no_order", "1");

        assertThat(SignSource.of(message)).isEqualTo("no_order=1&space= &tab=\t");
    }

    @Test
    void dropsTheTextNullAsLianLiansSigningHelperDoesUnlessAskedToKeepIt() {
        Map<String, String> message = fields("no_agree", "null", "no_order", "1", "memo", "Null", "info_order", " null");

        assertThat(SignSource.of(message)).isEqualTo("info_order= null&memo=Null&no_order=1");
        assertThat(SignSource.of(message, java.util.Set.of(), SignSource.CASE_INSENSITIVE, true))
                .isEqualTo("info_order= null&memo=Null&no_agree=null&no_order=1");
        assertThat(SignSource.isAbsent("null")).isTrue();
        assertThat(SignSource.isAbsent("NULL")).isFalse();
    }

    @Test
    void dropsSignButKeepsSignType() {
        Map<String, String> message = fields("sign", "abc==", "sign_type", "RSA", "oid_partner", "201912300000123456");

        assertThat(SignSource.of(message)).isEqualTo("oid_partner=201912300000123456&sign_type=RSA");
    }

    @Test
    void dropsExcludedKeys() {
        Map<String, String> reply = fields("bank_name", "中国银行", "memo", "备注", "ret_code", "0000", "sign_type", "RSA");

        assertThat(SignSource.of(reply, Set.of("bank_name", "memo"), SignSource.CASE_INSENSITIVE))
                .isEqualTo("ret_code=0000&sign_type=RSA");
    }

    @Test
    void usesValuesVerbatimWithoutEncodingOrTrimming() {
        Map<String, String> message = fields(
                "risk_item", "{\"user_info_full_name\":\"张三\"}",
                "notify_url", "https://shop.example/notify?a=1&b=2",
                "info_order", " 测试 ");

        assertThat(SignSource.of(message)).isEqualTo(
                "info_order= 测试 &notify_url=https://shop.example/notify?a=1&b=2"
                        + "&risk_item={\"user_info_full_name\":\"张三\"}");
    }

    @Test
    void anEmptyMessageGivesAnEmptySource() {
        assertThat(SignSource.of(fields("sign", "x", "a", ""))).isEmpty();
    }
}
