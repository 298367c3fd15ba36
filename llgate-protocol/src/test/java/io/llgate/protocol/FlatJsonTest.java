package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonTest {

    @Test
    void keepsKeysExactlyAsReceivedAndInOrder() throws Exception {
        Map<String, String> fields = FlatJson.parse("{\"oid_partner\":\"1\",\"sign_type \":\"RSA\",\" user_id\":\"u\",\"a\":\"2\"}");

        assertThat(fields).containsExactly(
                entry("oid_partner", "1"), entry("sign_type ", "RSA"), entry(" user_id", "u"), entry("a", "2"));
    }

    @Test
    void decodesEscapes() throws Exception {
        Map<String, String> fields = FlatJson.parse(
                "{\"acct_name\":\"\\u5f20\\u4e09\",\"notify_url\":\"https:\\/\\/shop.example\\/n\","
                        + "\"memo\":\"a\\\"b\\\\c\\n\\t\",\"emoji\":\"\\ud83d\\ude00\",\"\\u006b\":\"v\"}");

        assertThat(fields).containsExactly(
                entry("acct_name", "张三"),
                entry("notify_url", "https://shop.example/n"),
                entry("memo", "a\"b\\c\n\t"),
                entry("emoji", "😀"),
                entry("k", "v"));
    }

    @Test
    void keepsNumbersAndBooleansAsWritten() throws Exception {
        Map<String, String> fields = FlatJson.parse(
                "{\"valid_order\":10080,\"money_order\":1.10,\"big\":123456789012345678901234567890,"
                        + "\"exp\":1E5,\"neg\":-0.50,\"zero\":0,\"t\":true,\"f\":false}");

        assertThat(fields).containsExactly(
                entry("valid_order", "10080"), entry("money_order", "1.10"),
                entry("big", "123456789012345678901234567890"), entry("exp", "1E5"), entry("neg", "-0.50"),
                entry("zero", "0"), entry("t", "true"), entry("f", "false"));
    }

    @Test
    void keepsNullAsAKeyWithoutValue() throws Exception {
        Map<String, String> fields = FlatJson.parse("{\"memo\":null,\"a\":\"1\"}");

        assertThat(fields).containsKey("memo");
        assertThat(fields.get("memo")).isNull();
        assertThat(fields).hasSize(2);
    }

    @Test
    void turnsNestedValuesIntoCompactJson() throws Exception {
        Map<String, String> fields = FlatJson.parse(
                "{ \"risk_item\" : { \"user_info_full_name\" : \"\\u5f20\\u4e09\", \"list\" : [ 1, 2.50, null, true, "
                        + "{ } , [ ] ], \"url\" : \"a\\/b\" } , \"empty\" : [ ] }");

        assertThat(fields).containsExactly(
                entry("risk_item", "{\"user_info_full_name\":\"张三\",\"list\":[1,2.50,null,true,{},[]],\"url\":\"a/b\"}"),
                entry("empty", "[]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":\"1\",\"a\":null}", "{\"r\":{\"x\":1,\"x\":2}}"})
    void refusesDuplicateKeys(String json) {
        assertThatThrownBy(() -> FlatJson.parse(json))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Duplicate");
    }

    @Test
    void keysThatDifferOnlyBySpacesAreNotDuplicates() throws Exception {
        assertThat(FlatJson.parse("{\"sign_type\":\"RSA\",\"sign_type \":\"RSA\"}")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\":\"1\"}]", "\"text\"", "1", "true", "null"})
    void refusesAnythingButAnObject(String json) {
        assertThatThrownBy(() -> FlatJson.parse(json))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).empty()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}{}", "{}}", "{\"a\":\"1\"},", "{\"a\":\"1\"} []", "{} // comment", "{}\u0000"})
    void refusesContentAfterTheObject(String json) {
        assertThatThrownBy(() -> FlatJson.parse(json)).isInstanceOf(MalformedMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'a':'1'}", "{a:\"1\"}", "{\"a\":\"1\",}", "{/* c */\"a\":\"1\"}", "{\"a\":\"1\"  # c\n}",
        "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":\"x\ty\"}",
        "{\"a\":\"\\x41\"}", "{\"a\":\"1\"", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":\"1\" \"b\":\"2\"}",
        "{\"a\":[1,]}", "{\"a\":\"1\"\u201d}", "{\u201ca\u201d:\"1\"}"})
    void refusesJsonThatIsNotStrict(String json) {
        assertThatThrownBy(() -> FlatJson.parse(json)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesNestingBeyondTheParserLimitInsteadOfOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> FlatJson.parse(deep)).isInstanceOf(MalformedMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n", " \t\r\n "})
    void reportsEmptyBodies(String body) {
        assertThatThrownBy(() -> FlatJson.parse(body))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).empty()).isTrue());
        assertThatThrownBy(() -> FlatJson.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).empty()).isTrue());
    }

    @Test
    void reportsAMissingBodyAsEmpty() {
        assertThatThrownBy(() -> FlatJson.parse((byte[]) null))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).empty()).isTrue());
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] lone = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        byte[] overlongSlash = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xE5, (byte) 0xBC, '"', '}'};

        for (byte[] body : new byte[][] {lone, overlongSlash, encodedSurrogate, truncated}) {
            assertThatThrownBy(() -> FlatJson.parse(body))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("UTF-8")
                    .satisfies(e -> assertThat(((MalformedMessageException) e).empty()).isFalse());
        }
    }

    @Test
    void refusesOtherEncodings() {
        byte[] utf16 = "{\"a\":\"1\"}".getBytes(StandardCharsets.UTF_16LE);
        byte[] gbk = "{\"a\":\"张三\"}".getBytes(java.nio.charset.Charset.forName("GBK"));

        assertThatThrownBy(() -> FlatJson.parse(utf16)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> FlatJson.parse(gbk)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void readsUtf8BytesIncludingALeadingByteOrderMark() throws Exception {
        byte[] body = "{\"acct_name\":\"张三\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(FlatJson.parse(body)).containsExactly(entry("acct_name", "张三"));
        assertThat(FlatJson.parse(withBom)).containsExactly(entry("acct_name", "张三"));
    }

    @Test
    void writesCompactJsonWithChineseAndSlashesUnescaped() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ret_code", "0000");
        fields.put("ret_msg", "交易成功");
        fields.put("memo", null);
        fields.put("url", "https://shop.example/n?a=1&b=2");
        fields.put("quote", "say \"hi\"\\\n");

        assertThat(FlatJson.write(fields)).isEqualTo(
                "{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\",\"url\":\"https://shop.example/n?a=1&b=2\","
                        + "\"quote\":\"say \\\"hi\\\"\\\\\\n\"}");
    }

    @Test
    void writesListMembersAsRealArraysThatReadBackAsTheSameText() throws Exception {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("bank_code", "03080000");
        first.put("bank_name", "招商银行/信用卡");
        String list = FlatJson.array(List.of(first, Map.of("card_no", "5678")));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ret_code", "0000");
        fields.put("agreement_list", list);

        String json = FlatJson.write(fields, Set.of("agreement_list"));

        assertThat(list).isEqualTo("[{\"bank_code\":\"03080000\",\"bank_name\":\"招商银行/信用卡\"},{\"card_no\":\"5678\"}]");
        assertThat(json).isEqualTo("{\"ret_code\":\"0000\",\"agreement_list\":" + list + "}");
        assertThat(FlatJson.parse(json)).containsEntry("agreement_list", list);
        assertThat(FlatJson.array(List.of())).isEqualTo("[]");
        assertThat(FlatJson.parseArray(list)).containsExactly(new LinkedHashMap<>(first),
                new LinkedHashMap<>(Map.of("card_no", "5678")));
        assertThat(FlatJson.parseArray("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "[1]", "[{}", "[{},\"x\"]", "[{}] []"})
    void refusesListsThatAreNotArraysOfObjects(String json) {
        assertThatThrownBy(() -> FlatJson.parseArray(json)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void writesAnEmptyObject() {
        assertThat(FlatJson.write(Map.of())).isEqualTo("{}");
    }

    @Provide
    Arbitrary<Map<String, String>> messages() {
        return Arbitraries.maps(Fixtures.unicodeText(12), Fixtures.unicodeText(30)).ofMaxSize(10)
                .map(LinkedHashMap::new);
    }

    @Property
    void whatIsWrittenReadsBackIdentically(@ForAll("messages") Map<String, String> fields) throws Exception {
        String json = FlatJson.write(fields);

        assertThat(FlatJson.parse(json)).containsExactlyEntriesOf(fields);
        assertThat(FlatJson.parse(json.getBytes(StandardCharsets.UTF_8))).containsExactlyEntriesOf(fields);
    }
}
