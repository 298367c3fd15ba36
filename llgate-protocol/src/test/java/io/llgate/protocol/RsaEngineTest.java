package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The native engine must give byte for byte what the JDK's provider gives, and the JDK must remain the fallback. */
class RsaEngineTest {
    private static final RsaEngine JDK = RsaEngine.jdk();
    private static final RsaEngine NATIVE = RsaEngine.nativeProvider();
    private static final OAEPParameterSpec OAEP_SHA1 =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

    /** JDK-generated keys, as merchants and the gateway have them; made once, since 4096-bit ones are slow to find. */
    private static final class Keys {
        static final List<KeyPair> ALL = List.of(
                RsaKeys.generate(1024), RsaKeys.generate(1024), RsaKeys.generate(1024),
                RsaKeys.generate(2048), RsaKeys.generate(2048), RsaKeys.generate(2048),
                RsaKeys.generate(4096), RsaKeys.generate(4096));
    }

    @Provide
    Arbitrary<KeyPair> keys() {
        return Arbitraries.of(Keys.ALL);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Fixtures.unicodeText(300).map(text -> text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loadsTheNativeProviderWhereTheBuildShipsOne() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.equals("linux") && (arch.equals("amd64") || arch.equals("aarch64")));

        assertThat(NATIVE.isNative()).as(NATIVE.description()).isTrue();
        assertThat(NATIVE.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(NATIVE.description()).startsWith("AmazonCorrettoCryptoProvider 2.").endsWith("(native)");
    }

    @Test
    void theSettingForcesTheJdkProvider() {
        for (String setting : List.of("jdk", "JDK", " jdk ")) {
            RsaEngine forced = RsaEngine.choose(setting);

            assertThat(forced.isNative()).isFalse();
            assertThat(forced.providerName()).isEqualTo("JDK");
            assertThat(forced.description()).isEqualTo("JDK (forced by llgate.crypto=jdk)");
        }
        assertThat(RsaEngine.choose(null).description()).isEqualTo(NATIVE.description());
        assertThat(RsaEngine.choose("native").description()).isEqualTo(NATIVE.description());
    }

    @Test
    void theProcessUsesTheEngineItsSettingAsksFor() {
        if (RsaEngine.FORCE_JDK.equals(System.getProperty(RsaEngine.SETTING))) {
            assertThat(RsaEngine.current().providerName()).isEqualTo("JDK");
            assertThat(RsaEngine.current().description()).isEqualTo("JDK (forced by llgate.crypto=jdk)");
        } else {
            assertThat(RsaEngine.current().description()).isEqualTo(NATIVE.description());
        }
    }

    @Property(tries = 200)
    void signaturesAreByteEqualToTheJdks(@ForAll("keys") KeyPair key, @ForAll SignType type,
                                         @ForAll("messages") byte[] message) throws GeneralSecurityException {
        byte[] expected = JDK.sign(key.getPrivate(), type, message);

        assertThat(NATIVE.sign(key.getPrivate(), type, message)).isEqualTo(expected);
        assertThat(NATIVE.sign(NATIVE.prepare(key.getPrivate()), type, message)).isEqualTo(expected);
    }

    @Test
    void everyKeySizeIsCovered() {
        assertThat(Keys.ALL).extracting(pair -> RsaKeys.bits(pair.getPublic())).contains(1024, 2048, 4096);
    }

    @Property(tries = 100)
    void decryptsWhatTheJdkEncrypts(@ForAll("keys") KeyPair key, @ForAll @Size(max = 86) byte[] secret)
            throws GeneralSecurityException {
        byte[] encrypted = encrypt(key.getPublic(), secret);

        assertThat(NATIVE.decryptOaepSha1(key.getPrivate(), encrypted)).isEqualTo(secret);
        assertThat(NATIVE.decryptOaepSha1(NATIVE.prepare(key.getPrivate()), encrypted)).isEqualTo(secret);
        assertThat(JDK.decryptOaepSha1(key.getPrivate(), encrypted)).isEqualTo(secret);
    }

    @Test
    void aPreparedKeyIsTheSameKey() {
        KeyPair key = Keys.ALL.get(3);

        PrivateKey prepared = RsaEngine.current().prepare(key.getPrivate());

        assertThat(RsaKeys.base64(prepared)).isEqualTo(RsaKeys.base64(key.getPrivate()));
        assertThat(RsaKeys.publicKeyOf(prepared)).isEqualTo(key.getPublic());
        assertThat(JDK.prepare(key.getPrivate())).isSameAs(key.getPrivate());
    }

    @Property(tries = 100)
    void refusesAChangedCiphertextLikeTheJdk(@ForAll("keys") KeyPair key, @ForAll @Size(min = 1, max = 32) byte[] secret,
                                              @ForAll int position, @ForAll byte flip) throws GeneralSecurityException {
        byte[] encrypted = encrypt(key.getPublic(), secret);
        int at = Math.floorMod(position, encrypted.length);
        encrypted[at] ^= (byte) (flip == 0 ? 1 : flip);

        assertThatThrownBy(() -> NATIVE.decryptOaepSha1(key.getPrivate(), encrypted))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> NATIVE.decryptOaepSha1(NATIVE.prepare(key.getPrivate()), encrypted))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> JDK.decryptOaepSha1(key.getPrivate(), encrypted))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 200, 255, 257, 512})
    void refusesCiphertextsOfTheWrongLengthLikeTheJdk(int length) {
        KeyPair key = Keys.ALL.get(3);
        byte[] garbage = new byte[length];
        Arrays.fill(garbage, (byte) 0x5a);

        assertThatThrownBy(() -> NATIVE.decryptOaepSha1(key.getPrivate(), garbage))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> JDK.decryptOaepSha1(key.getPrivate(), garbage))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesACiphertextNotBelowTheModulusLikeTheJdk() {
        KeyPair key = Keys.ALL.get(3);
        byte[] modulus = ((RSAPublicKey) key.getPublic()).getModulus().toByteArray();
        byte[] tooLarge = Arrays.copyOfRange(modulus, modulus.length - 256, modulus.length);
        byte[] allOnes = new byte[256];
        Arrays.fill(allOnes, (byte) 0xff);

        for (byte[] ciphertext : List.of(tooLarge, allOnes)) {
            assertThatThrownBy(() -> NATIVE.decryptOaepSha1(key.getPrivate(), ciphertext))
                    .isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> JDK.decryptOaepSha1(key.getPrivate(), ciphertext))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void readsACiphertextWithItsLeadingZeroByteDroppedLikeTheJdk() throws GeneralSecurityException {
        KeyPair key = Keys.ALL.get(3);
        byte[] secret = "K7Q2M9XA4B8C1D6E3F5G7H9J2K4L6M8N".getBytes(StandardCharsets.US_ASCII);
        // About one ciphertext in 256 starts with a zero byte; a sender that writes the number without it still counts.
        byte[] encrypted = IntStream.range(0, 5000).mapToObj(i -> encrypt(key.getPublic(), secret))
                .filter(c -> c[0] == 0).findFirst().orElseThrow();
        byte[] shortened = Arrays.copyOfRange(encrypted, 1, encrypted.length);

        assertThat(JDK.decryptOaepSha1(key.getPrivate(), shortened)).isEqualTo(secret);
        assertThat(NATIVE.decryptOaepSha1(key.getPrivate(), shortened)).isEqualTo(secret);
    }

    private static byte[] encrypt(PublicKey key, byte[] secret) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA1);
            return cipher.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
