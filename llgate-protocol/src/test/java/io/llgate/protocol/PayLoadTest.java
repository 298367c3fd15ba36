package io.llgate.protocol;

import static io.llgate.protocol.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayLoadTest {
    private static final PrivateKey GATEWAY_PRIVATE = RsaKeys.parsePrivate(vector("gateway-private.pem"));
    private static final PublicKey GATEWAY_PUBLIC = RsaKeys.parsePublic(vector("gateway-public.pem"));
    private static final String INNER = "{\"no_order\":\"LLG1\",\"acct_name\":\"张三\",\"money_order\":\"49.95\"}";
    private static final PayLoad.Secrets SECRETS =
            new PayLoad.Secrets("K7Q2M9XA4B8C1D6E3F5G7H9J2K4L6M8N", "Z3Y5X7W9V1U3T5S7R9Q1P3O5N7M9L1K3", "7QK2M9XA");

    @Provide
    Arbitrary<String> jsonTexts() {
        Arbitrary<Map<String, String>> messages =
                Arbitraries.maps(Fixtures.snakeCaseKey(), Fixtures.unicodeText(40)).ofMaxSize(10);
        return Arbitraries.oneOf(messages.map(FlatJson::write), Fixtures.unicodeText(300));
    }

    @Test
    void opensTheOpensslVector() throws Exception {
        assertThat(PayLoad.open(GATEWAY_PRIVATE, vector("payload.txt"))).isEqualTo(vector("inner.json"));
    }

    @Test
    void opensTheOpensslVectorWithWrappedSegments() throws Exception {
        String wrapped = vector("payload-wrapped.txt");
        assertThat(wrapped).contains("\n");

        assertThat(PayLoad.open(GATEWAY_PRIVATE, wrapped)).isEqualTo(vector("inner.json"));
    }

    @Test
    void theVectorsInnerRequestCarriesAValidMerchantSignature() throws Exception {
        Map<String, String> inner = FlatJson.parse(PayLoad.open(GATEWAY_PRIVATE, vector("payload.txt")));
        PublicKey merchant = RsaKeys.parsePublic(vector("merchant-public.pem"));

        assertThat(MessageSignature.verify(merchant, SignType.RSA, inner).valid()).isTrue();
        assertThat(inner.get("acct_name")).isEqualTo("张三");
    }

    @Property(tries = 200)
    void openReturnsWhatSealEncrypted(@ForAll("jsonTexts") String json, @ForAll boolean mimeLineBreaks) throws Exception {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, json, PayLoad.Secrets.random(), mimeLineBreaks);

        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(json);
    }

    @Property(tries = 100)
    void aChangedCiphertextByteIsRefused(@ForAll("jsonTexts") String json, @ForAll int position, @ForAll boolean mime) {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, json + "x", PayLoad.Secrets.random(), mime);

        String tampered = withSegment(payLoad, 4, flipByte(segment(payLoad, 4), position));

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, tampered))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("hmac");
    }

    @Property(tries = 100)
    void aChangedHmacByteIsRefused(@ForAll("jsonTexts") String json, @ForAll int position) {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, json);

        String tampered = withSegment(payLoad, 5, flipByte(segment(payLoad, 5), position));

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, tampered))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("hmac");
    }

    @Test
    void aChangedNonceIsRefused() {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER, SECRETS, false);
        String otherNonce = Base64.getEncoder().encodeToString("7QK2M9XB".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, withSegment(payLoad, 3, otherNonce)))
                .isInstanceOf(PayLoadException.class);
    }

    @Test
    void wrapsSegmentsLikeTheJavaSdk() throws Exception {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER, SECRETS, true);

        // A 128-byte RSA block: two full 76-character lines, each ending in CRLF, then 20 characters.
        assertThat(segment(payLoad, 1)).matches("[A-Za-z0-9+/]{76}\r\n[A-Za-z0-9+/]{76}\r\n[A-Za-z0-9+/=]{20}");
        assertThat(segment(payLoad, 2)).matches("[A-Za-z0-9+/]{76}\r\n[A-Za-z0-9+/]{76}\r\n[A-Za-z0-9+/=]{20}");
        assertThat(segment(payLoad, 3)).isEqualTo("N1FLMk05WEE=");
        assertThat(segment(payLoad, 5)).hasSize(44);
        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(INNER);
    }

    @Test
    void aBodyOfWholeLinesEndsWithALineBreakLikeTheJavaSdk() throws Exception {
        String json = "{\"a\":\"" + "x".repeat(57 * 2 - 8) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(114);

        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, json, SECRETS, true);

        assertThat(segment(payLoad, 4)).matches("[A-Za-z0-9+/]{76}\r\n[A-Za-z0-9+/]{76}\r\n");
        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(json);
    }

    @Test
    void writesUnwrappedSegmentsByDefault() {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER.repeat(10));

        assertThat(payLoad).startsWith("lianpay1_0_1$").doesNotContain("\n").doesNotContain("\r");
        assertThat(payLoad.split("\\$")).hasSize(6);
        assertThat(segment(payLoad, 1)).hasSize(172);
    }

    @Test
    void encodesTheNonceAsInTheConventionsExample() {
        assertThat(segment(PayLoad.seal(GATEWAY_PUBLIC, INNER, SECRETS, false), 3)).isEqualTo("N1FLMk05WEE=");
    }

    @Test
    void acceptsAnHmacOverTheUnwrappedTextWhenLineBreaksWereAddedLater() throws Exception {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER.repeat(5), SECRETS, false);
        String body = segment(payLoad, 4);
        String wrappedBody = body.substring(0, 76) + "\r\n" + body.substring(76, 152) + "\n" + body.substring(152);

        assertThat(PayLoad.open(GATEWAY_PRIVATE, withSegment(payLoad, 4, wrappedBody))).isEqualTo(INNER.repeat(5));
    }

    @Test
    void acceptsLfInsteadOfCrlfWhenTheHmacCoversTheLfText() throws Exception {
        String payLoad = envelope(SECRETS.hmacKey().getBytes(StandardCharsets.US_ASCII),
                SECRETS.aesKey().getBytes(StandardCharsets.US_ASCII), SECRETS.nonce().getBytes(StandardCharsets.US_ASCII),
                INNER.getBytes(StandardCharsets.UTF_8), "\n");

        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(INNER);
    }

    @Test
    void acceptsDotNetStyleHexSecrets() throws Exception {
        PayLoad.Secrets dotNet = new PayLoad.Secrets(
                "3f2504e04f8911d39a0c0305e82c3301", "9b2c7e10a4d54b1f8e3a6c0d2f4b8a71", "c3a1e0f2");

        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER, dotNet, false);

        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(INNER);
    }

    @Test
    void acceptsSecretsOutsideTheSdkAlphabet() throws Exception {
        String payLoad = envelope("!@#$%^&*()_+{}|:<>?~`-=[];',./ab".getBytes(StandardCharsets.US_ASCII),
                "abcdefghijklmnopqrstuvwxyz012345".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, INNER.getBytes(StandardCharsets.UTF_8), null);

        assertThat(PayLoad.open(GATEWAY_PRIVATE, payLoad)).isEqualTo(INNER);
    }

    @Test
    void randomSecretsUseTheSdkAlphabetAndDiffer() {
        PayLoad.Secrets one = PayLoad.Secrets.random();
        PayLoad.Secrets two = PayLoad.Secrets.random();

        assertThat(one.hmacKey()).matches("[0-9A-Z]{32}");
        assertThat(one.aesKey()).matches("[0-9A-Z]{32}");
        assertThat(one.nonce()).matches("[0-9A-Z]{8}");
        assertThat(one.hmacKey()).isNotEqualTo(two.hmacKey()).isNotEqualTo(one.aesKey());
        assertThat(one.toString()).doesNotContain(one.hmacKey()).doesNotContain(one.aesKey());
    }

    @Test
    void secretsMustHaveTheProtocolLengths() {
        assertThatThrownBy(() -> new PayLoad.Secrets("short", SECRETS.aesKey(), SECRETS.nonce()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayLoad.Secrets(SECRETS.hmacKey(), SECRETS.aesKey(), "123456789"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 31, 33})
    void refusesKeysOfOtherLengths(int length) {
        String payLoad = envelope(new byte[length], SECRETS.aesKey().getBytes(StandardCharsets.US_ASCII),
                SECRETS.nonce().getBytes(StandardCharsets.US_ASCII), INNER.getBytes(StandardCharsets.UTF_8), null);

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, payLoad))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void refusesANonceOfAnotherLength() {
        String payLoad = envelope(SECRETS.hmacKey().getBytes(StandardCharsets.US_ASCII),
                SECRETS.aesKey().getBytes(StandardCharsets.US_ASCII), new byte[12],
                INNER.getBytes(StandardCharsets.UTF_8), null);

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, payLoad))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("nonce");
    }

    @Test
    void refusesPlaintextThatIsNotUtf8() {
        String payLoad = envelope(SECRETS.hmacKey().getBytes(StandardCharsets.US_ASCII),
                SECRETS.aesKey().getBytes(StandardCharsets.US_ASCII), SECRETS.nonce().getBytes(StandardCharsets.US_ASCII),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, null);

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, payLoad))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesAPayLoadForAnotherGatewayKey() {
        PrivateKey other = RsaKeys.generate(1024).getPrivate();

        assertThatThrownBy(() -> PayLoad.open(other, PayLoad.seal(GATEWAY_PUBLIC, INNER, SECRETS, false)))
                .isInstanceOf(PayLoadException.class)
                .hasMessageNotContaining(SECRETS.hmacKey())
                .hasMessageNotContaining(SECRETS.aesKey());
    }

    @Test
    void refusesWrongSegmentCounts() {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER);
        String five = payLoad.substring(0, payLoad.lastIndexOf('$'));

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, five))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("6 parts");
        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, payLoad + "$"))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("6 parts");
        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, payLoad + "$AAAA"))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("6 parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lianpay1_0_2", "LIANPAY1_0_1", "lianpay1_0_1 ", ""})
    void refusesOtherVersions(String version) {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER);

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, withSegment(payLoad, 0, version)))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "not base64!!", "{\"a\":1}"})
    void refusesAnythingThatIsNotAnEnvelope(String text) {
        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, text)).isInstanceOf(PayLoadException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, null)).isInstanceOf(PayLoadException.class);
    }

    @Test
    void refusesASegmentThatIsNotBase64() {
        String payLoad = PayLoad.seal(GATEWAY_PUBLIC, INNER);

        assertThatThrownBy(() -> PayLoad.open(GATEWAY_PRIVATE, withSegment(payLoad, 4, "@@@@")))
                .isInstanceOf(PayLoadException.class).hasMessageContaining("base64");
    }

    private static String segment(String payLoad, int index) {
        return payLoad.split("\\$", -1)[index];
    }

    private static String withSegment(String payLoad, int index, String replacement) {
        String[] parts = payLoad.split("\\$", -1);
        parts[index] = replacement;
        return String.join("$", parts);
    }

    private static String flipByte(String base64, int position) {
        byte[] bytes = Base64.getMimeDecoder().decode(base64);
        bytes[Math.floorMod(position, bytes.length)] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * An envelope built directly with JDK primitives from raw secret bytes, to reach cases the
     * public API refuses to produce. With {@code lineBreak} set, every segment is wrapped every
     * 76 characters with it and the HMAC covers the wrapped text.
     */
    private static String envelope(byte[] hmacKey, byte[] aesKey, byte[] nonce, byte[] plaintext, String lineBreak) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, GATEWAY_PUBLIC,
                    new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
            String one = wrap(rsa.doFinal(hmacKey), lineBreak);
            String two = wrap(rsa.doFinal(aesKey), lineBreak);
            byte[] iv = new byte[16];
            System.arraycopy(nonce, 0, iv, 0, Math.min(8, nonce.length));
            iv[15] = 1;
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
            String three = wrap(nonce, lineBreak);
            String four = wrap(aes.doFinal(plaintext), lineBreak);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            String five = wrap(mac.doFinal((three + "$" + four).getBytes(StandardCharsets.US_ASCII)), lineBreak);
            return String.join("$", "lianpay1_0_1", one, two, three, four, five);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String wrap(byte[] data, String lineBreak) {
        if (lineBreak == null) {
            return Base64.getEncoder().encodeToString(data);
        }
        return Base64.getMimeEncoder(76, lineBreak.getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
    }
}
