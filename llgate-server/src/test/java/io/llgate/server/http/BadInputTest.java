package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.DECRYPT_ERROR;
import static io.llgate.server.http.ReplyChecks.ILLEGAL_MERCHANT;
import static io.llgate.server.http.ReplyChecks.ILLEGAL_MESSAGE;
import static io.llgate.server.http.ReplyChecks.SIGN_ERROR;
import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.UNPARSABLE;
import static io.llgate.server.http.ReplyChecks.assertJsonAnswer;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.assertUnsigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.gzip;
import static io.llgate.server.http.Requests.outer;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.sealedText;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.Signatures;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unreadable bodies, broken pay_load envelopes and bad signatures on the apply endpoint: each one is
 * answered with its documented return code, as JSON, and writes nothing.
 */
class BadInputTest {
    private static final String UNKNOWN_PARTNER = "201999999999999999";
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json;charset=utf-8");

    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 100_000);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownPartners")
    void unknownMerchantIsAnsweredUnsigned(String name, String oidPartner) {
        LinkedHashMap<String, String> inner = payout(merchant);
        inner.put("oid_partner", oidPartner);
        String body = outer(oidPartner, PayLoad.seal(gateway.publicKey(), FlatJson.write(merchant.sign(inner))));

        assertUnsigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), ILLEGAL_MERCHANT);
    }

    static Stream<Arguments> unknownPartners() {
        return Stream.of(
                Arguments.of("18 digits", UNKNOWN_PARTNER),
                Arguments.of("padded with a space", " " + merchant.oidPartner()),
                Arguments.of("5000 digits", "9".repeat(5000)));
    }

    @ParameterizedTest(name = "oid_partner {0}")
    @MethodSource("bodiesWithoutPartner")
    void missingPartnerIsAnsweredUnsigned(String name, String body) {
        assertUnsigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), Code.param("oid_partner"));
    }

    static Stream<Arguments> bodiesWithoutPartner() {
        String payLoad = PayLoad.seal(gateway.publicKey(), FlatJson.write(merchant.sign(payout(merchant))));
        return Stream.of(
                Arguments.of("absent", FlatJson.write(Map.of("pay_load", payLoad))),
                Arguments.of("empty", outer("", payLoad)),
                Arguments.of("null", "{\"oid_partner\":null,\"pay_load\":\"" + payLoad + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void unreadableBodyIsAnsweredUnsigned(String name, byte[] body, Code expected) {
        Reply reply = writesNothing(gateway, () -> merchant.post(APPLY, body, JSON_HEADERS));

        assertUnsigned(reply, expected);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("empty", new byte[0], ILLEGAL_MESSAGE),
                Arguments.of("whitespace", " \r\n\t ".getBytes(StandardCharsets.UTF_8), ILLEGAL_MESSAGE),
                Arguments.of("not JSON", "oid_partner=1&pay_load=2".getBytes(StandardCharsets.UTF_8), UNPARSABLE),
                Arguments.of("JSON array", "[{\"oid_partner\":\"1\"}]".getBytes(StandardCharsets.UTF_8), UNPARSABLE),
                Arguments.of("JSON string", "\"oid_partner\"".getBytes(StandardCharsets.UTF_8), UNPARSABLE),
                Arguments.of("truncated JSON", "{\"oid_partner\":\"2019".getBytes(StandardCharsets.UTF_8), UNPARSABLE),
                Arguments.of("nested 20000 deep", deeplyNested("{\"oid_partner\":%s}").getBytes(StandardCharsets.UTF_8),
                        UNPARSABLE),
                Arguments.of("not UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
                        UNPARSABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badlyEncodedBodies")
    void badlyEncodedBodyIsAnsweredUnsigned(String name, byte[] body, String coding) {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Content-Encoding", coding);

        assertUnsigned(writesNothing(gateway, () -> merchant.post(APPLY, body, headers)), ILLEGAL_MESSAGE);
    }

    static Stream<Arguments> badlyEncodedBodies() {
        byte[] plain = validApplyBody();
        return Stream.of(
                Arguments.of("plain body declared gzip", plain, "gzip"),
                Arguments.of("plain body declared deflate", plain, "deflate"),
                Arguments.of("gzip inflating past the limit",
                        gzip(padded(plain, gateway.settings().maxBodyBytes() * 4)), "gzip"));
    }

    @ParameterizedTest(name = "declared length: {0}")
    @ValueSource(booleans = {true, false})
    void bodyOverTheLimitIsAnsweredUnsigned(boolean declaredLength) {
        byte[] body = padded(validApplyBody(), gateway.settings().maxBodyBytes() + 1);
        // Without a declared length (chunked) the gateway only finds out while reading.
        HttpRequest.BodyPublisher publisher = declaredLength
                ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        Reply reply = writesNothing(gateway, () -> TestMerchant.send(gateway, APPLY, publisher, JSON_HEADERS));

        assertUnsigned(reply, ILLEGAL_MESSAGE);
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        byte[] body = padded(validApplyBody(), gateway.settings().maxBodyBytes());

        assertSigned(merchant.post(APPLY, body, JSON_HEADERS), SUCCESS, merchant);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outerBodiesWithoutPayLoad")
    void missingPayLoadIsIllegal(String name, String body) {
        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), ILLEGAL_MESSAGE, merchant);
    }

    static Stream<Arguments> outerBodiesWithoutPayLoad() {
        return Stream.of(
                Arguments.of("no pay_load", FlatJson.write(Map.of("oid_partner", merchant.oidPartner()))),
                Arguments.of("empty pay_load", outer(merchant.oidPartner(), "")),
                Arguments.of("plain signed request instead", FlatJson.write(merchant.sign(payout(merchant)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEnvelopes")
    void brokenPayLoadCannotBeDecrypted(String name, UnaryOperator<String> breakIt) {
        String payLoad = PayLoad.seal(gateway.publicKey(), FlatJson.write(merchant.sign(payout(merchant))));
        String body = outer(merchant.oidPartner(), breakIt.apply(payLoad));

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), DECRYPT_ERROR, merchant);
    }

    static Stream<Arguments> brokenEnvelopes() {
        return Stream.of(
                envelope("five segments", p -> p.substring(0, p.lastIndexOf('$'))),
                envelope("seven segments", p -> p + "$QUJD"),
                envelope("version lianpay1_0_2", p -> p.replaceFirst("^lianpay1_0_1", "lianpay1_0_2")),
                envelope("no version", p -> p.substring(p.indexOf('$'))),
                envelope("only the version", p -> "lianpay1_0_1"),
                envelope("ciphertext byte changed", p -> flipFirstByte(p, 4)),
                envelope("hmac byte changed", p -> flipFirstByte(p, 5)),
                envelope("encrypted aes key byte changed", p -> flipFirstByte(p, 2)),
                envelope("nonce not base64", p -> replaceSegment(p, 3, "%%%%")));
    }

    private static Arguments envelope(String name, UnaryOperator<String> breakIt) {
        return Arguments.of(name, breakIt);
    }

    @ParameterizedTest(name = "{0}-bit key")
    @ValueSource(ints = {1024, 2048})
    void payLoadSealedForAnotherKeyCannotBeDecrypted(int bits) {
        String inner = FlatJson.write(merchant.sign(payout(merchant)));
        String body = outer(merchant.oidPartner(), PayLoad.seal(RsaKeys.generate(bits).getPublic(), inner));

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), DECRYPT_ERROR, merchant);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparsableInnerTexts")
    void unparsableInnerJsonIsRefused(String name, String innerText) {
        String body = sealedText(gateway, merchant, innerText);

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), UNPARSABLE, merchant);
    }

    static Stream<Arguments> unparsableInnerTexts() {
        String valid = FlatJson.write(merchant.sign(payout(merchant)));
        return Stream.of(
                Arguments.of("garbage", "this is not json at all"),
                Arguments.of("array", "[" + valid + "]"),
                Arguments.of("cut short", valid.substring(0, valid.length() - 2)),
                Arguments.of("nested 20000 deep", deeplyNested("{\"oid_partner\":\"" + merchant.oidPartner()
                        + "\",\"risk_item\":%s}")),
                Arguments.of("duplicate key", "{\"oid_partner\":\"" + merchant.oidPartner() + "\","
                        + valid.substring(1)));
    }

    @ParameterizedTest(name = "inner oid_partner {0}")
    @MethodSource("otherInnerPartners")
    void innerPartnerMustBeTheOuterOne(String innerPartner) {
        LinkedHashMap<String, String> inner = payout(merchant);
        if (innerPartner == null) {
            inner.remove("oid_partner");
        } else {
            inner.put("oid_partner", innerPartner);
        }
        String body = sealedText(gateway, merchant, FlatJson.write(merchant.sign(inner)));

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), Code.param("oid_partner"), merchant);
    }

    static Stream<String> otherInnerPartners() {
        return Stream.of(UNKNOWN_PARTNER, TestMerchant.register(gateway, 0).oidPartner(), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignatures")
    void badSignatureIsExplainedInTheSandbox(String name, UnaryOperator<LinkedHashMap<String, String>> spoil) {
        LinkedHashMap<String, String> inner = spoil.apply(merchant.sign(payout(merchant)));
        String body = sealedText(gateway, merchant, FlatJson.write(inner));

        Reply reply = writesNothing(gateway, () -> merchant.post(APPLY, body));

        assertSigned(reply, SIGN_ERROR, merchant);
        assertThat(reply.get(MerchantChecks.SIGN_SOURCE_HINT)).isEqualTo(SignSource.of(inner));
        assertThat(reply.get("no_order")).isEqualTo(inner.get("no_order"));
    }

    static Stream<Arguments> badSignatures() {
        PrivateKey stranger = RsaKeys.generate(1024).getPrivate();
        return Stream.of(
                Arguments.of("amount changed after signing", spoil(f -> f.put("money_order", "500.00"))),
                Arguments.of("field added after signing", spoil(f -> f.put("bank_name", "中国银行"))),
                Arguments.of("no sign", spoil(f -> f.remove("sign"))),
                Arguments.of("empty sign", spoil(f -> f.put("sign", ""))),
                Arguments.of("sign not base64", spoil(f -> f.put("sign", "not*base64!"))),
                Arguments.of("signed with another key",
                        spoil(f -> f.put("sign", Signatures.sign(stranger, SignType.RSA, SignSource.of(f))))));
    }

    @ParameterizedTest(name = "sign_type {0}")
    @MethodSource("badSignTypes")
    void unusableSignTypeIsAParameterError(String signType) {
        LinkedHashMap<String, String> inner = merchant.sign(payout(merchant));
        if (signType == null) {
            inner.remove("sign_type");
        } else {
            inner.put("sign_type", signType);
        }
        String body = sealedText(gateway, merchant, FlatJson.write(inner));

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), Code.param("sign_type"), merchant);
    }

    static Stream<String> badSignTypes() {
        return Stream.of(null, "", "DSA", "MD5", "SHA1withRSA");
    }

    @ParameterizedTest(name = "sign_type {0}")
    @ValueSource(strings = {"SHA256withRSA", "SHA256WITHRSA", "sha256withrsa"})
    void sha256SignedRequestIsAnsweredWithSha256(String signType) {
        LinkedHashMap<String, String> inner = signAsIs(merchant, payout(merchant), signType, SignType.SHA256WITHRSA,
                SignSource.CASE_INSENSITIVE);

        Reply reply = merchant.post(APPLY, sealedText(gateway, merchant, FlatJson.write(inner)));

        assertSha256Reply(reply, SUCCESS);
        assertThat(reply.get("oid_paybill")).matches("\\d{16}");
    }

    @Test
    void sha256SignedRefusalIsAnsweredWithSha256() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("money_order", "1.234");
        LinkedHashMap<String, String> inner = signAsIs(merchant, fields, "SHA256withRSA", SignType.SHA256WITHRSA,
                SignSource.CASE_INSENSITIVE);
        String body = sealedText(gateway, merchant, FlatJson.write(inner));

        Reply reply = writesNothing(gateway, () -> merchant.post(APPLY, body));

        assertSha256Reply(reply, Code.param("money_order"));
    }

    @Test
    void productionDoesNotRevealTheSignSource() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, "some-token");
        try (Gateway production = Gateway.start(settings)) {
            TestMerchant m = TestMerchant.register(production, 100_000);
            LinkedHashMap<String, String> inner = m.sign(payout(m));
            inner.put("money_order", "500.00");
            String body = sealedText(production, m, FlatJson.write(inner));

            Reply reply = writesNothing(production, () -> m.post(APPLY, body));

            assertSigned(reply, SIGN_ERROR, m);
            assertThat(reply.fields()).doesNotContainKey(MerchantChecks.SIGN_SOURCE_HINT);
            assertThat(reply.text()).doesNotContain("money_order=");
        }
    }

    private static void assertSha256Reply(Reply reply, Code expected) {
        assertJsonAnswer(reply);
        assertThat(reply.retCode()).as("reply %s", reply.text()).isEqualTo(expected.code());
        assertThat(reply.get("ret_msg")).isEqualTo(expected.msg());
        assertThat(reply.get("sign_type")).isEqualTo("SHA256WITHRSA");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.SHA256WITHRSA, reply.fields()).valid())
                .as("SHA256withRSA signature of %s", reply.text()).isTrue();
    }

    private static byte[] validApplyBody() {
        return merchant.sealedBody(merchant.sign(payout(merchant))).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON body followed by spaces up to {@code size} bytes: still one valid JSON object. */
    private static byte[] padded(byte[] json, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    /** The template with its {@code %s} replaced by arrays nested 20000 deep. */
    private static String deeplyNested(String template) {
        return template.formatted("[".repeat(20_000) + "]".repeat(20_000));
    }

    private static UnaryOperator<LinkedHashMap<String, String>> spoil(Consumer<LinkedHashMap<String, String>> change) {
        return fields -> {
            LinkedHashMap<String, String> copy = new LinkedHashMap<>(fields);
            change.accept(copy);
            return copy;
        };
    }

    private static String flipFirstByte(String payLoad, int segment) {
        String[] parts = payLoad.split("\\$", -1);
        byte[] bytes = Base64.getMimeDecoder().decode(parts[segment]);
        bytes[0] ^= 0x01;
        return replaceSegment(payLoad, segment, Base64.getEncoder().encodeToString(bytes));
    }

    private static String replaceSegment(String payLoad, int segment, String text) {
        String[] parts = payLoad.split("\\$", -1);
        parts[segment] = text;
        return String.join("$", parts);
    }
}
