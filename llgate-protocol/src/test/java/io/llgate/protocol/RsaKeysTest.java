package io.llgate.protocol;

import static io.llgate.protocol.Fixtures.pemBody;
import static io.llgate.protocol.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsaKeysTest {
    private static final String PRIVATE_PEM = vector("merchant-private.pem");
    private static final String PUBLIC_PEM = vector("merchant-public.pem");
    private static final PrivateKey PRIVATE = RsaKeys.parsePrivate(PRIVATE_PEM);
    private static final PublicKey PUBLIC = RsaKeys.parsePublic(PUBLIC_PEM);

    @Test
    void readsTheOpensslKeyPairAsAMatchingPair() {
        assertThat(RsaKeys.bits(PUBLIC)).isEqualTo(2048);
        assertThat(RsaKeys.publicKeyOf(PRIVATE)).isEqualTo(PUBLIC);
        String signature = Signatures.sign(PRIVATE, SignType.RSA, "a=1");
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, "a=1", signature)).isTrue();
    }

    @Test
    void readsPkcs1PemAsTheSameKeys() {
        assertThat(RsaKeys.parsePublic(vector("merchant-public-pkcs1.pem"))).isEqualTo(PUBLIC);
        PrivateKey fromPkcs1 = RsaKeys.parsePrivate(vector("merchant-private-pkcs1.pem"));
        assertThat(fromPkcs1).isEqualTo(PRIVATE);
        assertThat(((RSAPrivateCrtKey) fromPkcs1).getPrimeP()).isEqualTo(((RSAPrivateCrtKey) PRIVATE).getPrimeP());
    }

    @ParameterizedTest
    @ValueSource(strings = {"merchant-public.pem", "merchant-public-pkcs1.pem"})
    void readsBareBase64OfEitherPublicForm(String file) {
        assertThat(RsaKeys.parsePublic(pemBody(vector(file)))).isEqualTo(PUBLIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"merchant-private.pem", "merchant-private-pkcs1.pem"})
    void readsBareBase64OfEitherPrivateForm(String file) {
        assertThat(RsaKeys.parsePrivate(pemBody(vector(file)))).isEqualTo(PRIVATE);
    }

    @Test
    void readsPemWhoseLabelNamesTheOtherForm() {
        String spkiLabelledPkcs1 = PUBLIC_PEM.replace("PUBLIC KEY", "RSA PUBLIC KEY");
        String pkcs8LabelledPkcs1 = PRIVATE_PEM.replace("PRIVATE KEY", "RSA PRIVATE KEY");

        assertThat(RsaKeys.parsePublic(spkiLabelledPkcs1)).isEqualTo(PUBLIC);
        assertThat(RsaKeys.parsePrivate(pkcs8LabelledPkcs1)).isEqualTo(PRIVATE);
    }

    @Test
    void writesOnlyAsymmetricKeys() {
        SecretKey secret = new SecretKeySpec(new byte[16], "AES");

        assertThatThrownBy(() -> RsaKeys.pem(secret)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaKeys.base64(secret)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toleratesWhitespaceAnywhere() {
        String body = pemBody(PUBLIC_PEM);
        StringBuilder scattered = new StringBuilder("  \r\n");
        for (int i = 0; i < body.length(); i++) {
            scattered.append(body.charAt(i));
            if (i % 7 == 0) {
                scattered.append(i % 2 == 0 ? " " : "\r\n\t");
            }
        }
        scattered.append("\n\n");

        assertThat(RsaKeys.parsePublic(scattered.toString())).isEqualTo(PUBLIC);
        assertThat(RsaKeys.parsePrivate("\r\n" + PRIVATE_PEM.replace("\n", "\r\n") + "  ")).isEqualTo(PRIVATE);
    }

    @Test
    void toleratesLineBreaksWrittenAsBackslashN() {
        String escaped = PUBLIC_PEM.strip().replace("\n", "\\n");

        assertThat(RsaKeys.parsePublic(escaped)).isEqualTo(PUBLIC);
    }

    @Test
    void findsTheKeyAmongOtherText() {
        assertThat(RsaKeys.parsePublic("LianLian public key:\n" + PUBLIC_PEM + "(test only)\n")).isEqualTo(PUBLIC);
    }

    @Test
    void writesKeysBackInTheFormsMerchantsPaste() {
        String publicBase64 = RsaKeys.base64(PUBLIC);
        String privateBase64 = RsaKeys.base64(PRIVATE);

        assertThat(publicBase64).startsWith("MIIBIj").isEqualTo(pemBody(PUBLIC_PEM));
        assertThat(privateBase64).isEqualTo(pemBody(PRIVATE_PEM));
        assertThat(RsaKeys.base64(RsaKeys.parsePublic(vector("gateway-public.pem")))).startsWith("MIGf");
        assertThat(RsaKeys.pem(PUBLIC)).isEqualTo(PUBLIC_PEM);
        assertThat(RsaKeys.pem(PRIVATE)).isEqualTo(PRIVATE_PEM);
    }

    @Test
    void pemHasHeadersShortLinesAndATrailingNewline() {
        String pem = RsaKeys.pem(PRIVATE);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        assertThat(pem.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(RsaKeys.pem(PUBLIC)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void generatedKeysHaveTheRequestedSizeAndReadBack() {
        KeyPair pair = RsaKeys.generate(1024);

        assertThat(RsaKeys.bits(pair.getPublic())).isEqualTo(1024);
        assertThat(RsaKeys.parsePrivate(RsaKeys.pem(pair.getPrivate()))).isEqualTo(pair.getPrivate());
        assertThat(RsaKeys.parsePublic(RsaKeys.base64(pair.getPublic()))).isEqualTo(pair.getPublic());
        assertThat(RsaKeys.publicKeyOf(pair.getPrivate())).isEqualTo(pair.getPublic());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1023, 4097, 8192})
    void refusesToGenerateKeysOfOtherSizes(int bits) {
        assertThatThrownBy(() -> RsaKeys.generate(bits)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"merchant-private-encrypted.pem", "merchant-private-pkcs1-encrypted.pem"})
    void refusesEncryptedPrivateKeys(String file) {
        assertThatThrownBy(() -> RsaKeys.parsePrivate(vector(file)))
                .isInstanceOf(InvalidKeyTextException.class)
                .hasMessageContaining("encrypted");
    }

    @Test
    void refusesKeysOfTheWrongKind() {
        assertThatThrownBy(() -> RsaKeys.parsePublic(PRIVATE_PEM))
                .isInstanceOf(InvalidKeyTextException.class).hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> RsaKeys.parsePrivate(PUBLIC_PEM))
                .isInstanceOf(InvalidKeyTextException.class).hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> RsaKeys.parsePublic(pemBody(PRIVATE_PEM)))
                .isInstanceOf(InvalidKeyTextException.class);
        assertThatThrownBy(() -> RsaKeys.parsePrivate(pemBody(PUBLIC_PEM)))
                .isInstanceOf(InvalidKeyTextException.class);
    }

    @Test
    void refusesEcKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair ec = generator.generateKeyPair();

        assertThatThrownBy(() -> RsaKeys.parsePublic(RsaKeys.pem(ec.getPublic())))
                .isInstanceOf(InvalidKeyTextException.class).hasMessageContaining("not an RSA key");
        assertThatThrownBy(() -> RsaKeys.parsePublic(RsaKeys.base64(ec.getPublic())))
                .isInstanceOf(InvalidKeyTextException.class).hasMessageContaining("not an RSA key");
        assertThatThrownBy(() -> RsaKeys.parsePrivate(RsaKeys.base64(ec.getPrivate())))
                .isInstanceOf(InvalidKeyTextException.class).hasMessageContaining("not an RSA key");
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void acceptsPublicKeysFrom1024To4096Bits(int bits) throws Exception {
        assertThat(RsaKeys.bits(RsaKeys.parsePublic(publicKeyText(bits)))).isEqualTo(bits);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1000, 1023, 4097, 8192})
    void refusesPublicKeysOfOtherSizes(int bits) throws Exception {
        String text = publicKeyText(bits);

        assertThatThrownBy(() -> RsaKeys.parsePublic(text))
                .isInstanceOf(InvalidKeyTextException.class)
                .hasMessageContaining(bits + " bits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "hello world", "MIIB", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEF",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
            "QUJDREVGR0g="})
    void refusesUnreadableText(String text) {
        assertThatThrownBy(() -> RsaKeys.parsePublic(text)).isInstanceOf(InvalidKeyTextException.class);
        assertThatThrownBy(() -> RsaKeys.parsePrivate(text)).isInstanceOf(InvalidKeyTextException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> RsaKeys.parsePublic(null)).isInstanceOf(InvalidKeyTextException.class);
        assertThatThrownBy(() -> RsaKeys.parsePrivate(null)).isInstanceOf(InvalidKeyTextException.class);
    }

    @Test
    void refusesATruncatedKey() {
        String body = pemBody(PRIVATE_PEM);

        assertThatThrownBy(() -> RsaKeys.parsePrivate(body.substring(0, 400)))
                .isInstanceOf(InvalidKeyTextException.class);
    }

    /** X.509 base64 of a public key with an odd modulus of exactly {@code bits} bits; no real key needed. */
    private static String publicKeyText(int bits) throws Exception {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.valueOf(12345L * 2 + 1));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
