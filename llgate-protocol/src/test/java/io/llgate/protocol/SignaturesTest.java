package io.llgate.protocol;

import static io.llgate.protocol.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks against signatures made by the openssl command line (see vectors/README.txt). */
class SignaturesTest {
    private static final PrivateKey PRIVATE = RsaKeys.parsePrivate(vector("merchant-private.pem"));
    private static final PublicKey PUBLIC = RsaKeys.parsePublic(vector("merchant-public.pem"));
    private static final String SOURCE = vector("sign-source.txt");
    private static final String MD5_SIGNATURE = vector("sign-md5.b64").strip();
    private static final String SHA256_SIGNATURE = vector("sign-sha256.b64").strip();

    @Test
    void acceptsAnOpensslMd5WithRsaSignature() {
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, SOURCE, MD5_SIGNATURE)).isTrue();
    }

    @Test
    void producesTheSameMd5WithRsaSignatureAsOpenssl() {
        assertThat(Signatures.sign(PRIVATE, SignType.RSA, SOURCE)).isEqualTo(MD5_SIGNATURE);
    }

    @Test
    void matchesOpensslForSha256WithRsa() {
        assertThat(Signatures.sign(PRIVATE, SignType.SHA256WITHRSA, SOURCE)).isEqualTo(SHA256_SIGNATURE);
        assertThat(Signatures.verify(PUBLIC, SignType.SHA256WITHRSA, SOURCE, SHA256_SIGNATURE)).isTrue();
    }

    @Test
    void refusesASignatureOfTheOtherAlgorithm() {
        assertThat(Signatures.verify(PUBLIC, SignType.SHA256WITHRSA, SOURCE, MD5_SIGNATURE)).isFalse();
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, SOURCE, SHA256_SIGNATURE)).isFalse();
    }

    @Test
    void refusesAChangedSource() {
        String changed = SOURCE.replace("money_order=49.95", "money_order=49.96");

        assertThat(changed).isNotEqualTo(SOURCE);
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, changed, MD5_SIGNATURE)).isFalse();
    }

    @Test
    void refusesASignatureFromAnotherKey() {
        KeyPair other = RsaKeys.generate(1024);

        assertThat(Signatures.verify(other.getPublic(), SignType.RSA, SOURCE, MD5_SIGNATURE)).isFalse();
    }

    @Test
    void ignoresSpacesAndLineBreaksInsideTheSignature() {
        String spaced = MD5_SIGNATURE.substring(0, 40) + " " + MD5_SIGNATURE.substring(40, 100) + "\r\n"
                + MD5_SIGNATURE.substring(100, 200) + "\n\t" + MD5_SIGNATURE.substring(200) + " ";

        assertThat(Signatures.verify(PUBLIC, SignType.RSA, SOURCE, spaced)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not base64!", "AAAA", "====", "%%%", "YWJj\u0000"})
    void answersFalseForUnreadableSignatures(String signature) {
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, SOURCE, signature)).isFalse();
    }

    @Test
    void answersFalseForATruncatedSignature() {
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, SOURCE, MD5_SIGNATURE.substring(0, 340))).isFalse();
    }

    @Test
    void writesSingleLineStandardBase64() {
        String signature = Signatures.sign(PRIVATE, SignType.RSA, "a=1");

        assertThat(signature).hasSize(344).matches("[A-Za-z0-9+/]+={0,2}");
    }
}
