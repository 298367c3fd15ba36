package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(FieldRules.length("李明")).isEqualTo(2);
        assertThat(FieldRules.length("\uD83D\uDE00")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/notify", "https://shop.example.com/pay/notify", "HTTPS://a.b/c?d=e"})
    void acceptsAbsoluteWebUrls(String url) {
        assertThat(FieldRules.isHttpUrl(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "notify", "/notify", "ftp://a.b/c", "http://", "http:///path", "http://a b/c", "javascript:x",
            "http://a.b:0/c", "http://a.b:65536/c", "http://a.b:99999/c", "https://[2001:db8::1]:70000/",
            "http://a.b:99999999999/c"})
    void refusesAnythingElse(String url) {
        assertThat(FieldRules.isHttpUrl(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a.b:1/c", "https://a.b:65535/c", "https://a.b:443/", "http://a.b:/c"})
    void acceptsEveryPortAConnectionCanUse(String url) {
        assertThat(FieldRules.isHttpUrl(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PO20240612001", "李明", "\uD83D\uDE00\uD83D\uDE80", "\uD840\uDC0B", "a b", "  "})
    void acceptsTextOfEveryPlane(String value) {
        assertThat(FieldRules.isText("no_order", value)).isTrue();
        assertThat(FieldRules.isText("info_order", value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000PO1", "PO\u0000", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u009f",
            "\uD83D", "a\uDE00b"})
    void refusesControlCharactersAndBrokenSurrogatesEverywhere(String value) {
        assertThat(FieldRules.isText("no_order", value)).isFalse();
        assertThat(FieldRules.isText("info_order", value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "a\tb", "a\r\nb"})
    void acceptsLineBreaksAndTabsInFreeTextOnly(String value) {
        assertThat(FieldRules.isText("info_order", value)).isTrue();
        assertThat(FieldRules.isText("name_goods", value)).isTrue();
        assertThat(FieldRules.isText("risk_item", value)).isTrue();
        assertThat(FieldRules.isText("no_order", value)).isFalse();
        assertThat(FieldRules.isText("acct_name", value)).isFalse();
        assertThat(FieldRules.isText("notify_url", value)).isFalse();
    }

    @Test
    void filtersMemoAsTheSpecExampleShows() {
        assertThat(FieldRules.filterMemo("代付-Pay_01 #测试!(a).")).isEqualTo("代付-Pay_01测试a");
    }

    @Test
    void cardAndBankNumbersAreDigits() {
        assertThat("6216610000012345678".matches(FieldRules.CARD_NO)).isTrue();
        assertThat("62166".matches(FieldRules.CARD_NO)).isFalse();
        assertThat("03080000".matches(FieldRules.BANK_CODE)).isTrue();
        assertThat("0308000".matches(FieldRules.BANK_CODE)).isFalse();
        assertThat("0".matches(FieldRules.FLAG_CARD)).isTrue();
        assertThat("3".matches(FieldRules.FLAG_CARD)).isFalse();
    }
}
