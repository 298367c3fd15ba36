package io.llgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Performs the RSA private-key operations (signing and unwrapping {@code pay_load} keys): with a
 * native provider when one loads and agrees with the JDK's, otherwise with the JDK's own provider.
 * Verification stays with the JDK: public-key operations are cheap already.
 */
public final class RsaEngine {
    /** The system property that chooses the engine; {@code jdk} forces the JDK's provider. */
    public static final String SETTING = "llgate.crypto";
    /** The environment variable read when {@link #SETTING} is not set. */
    public static final String ENVIRONMENT = "LLGATE_CRYPTO";
    /** The value of {@link #SETTING} that forces the JDK's provider. */
    public static final String FORCE_JDK = "jdk";

    private static final String NATIVE_PROVIDER = "AmazonCorrettoCryptoProvider";
    private static final String OAEP_TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final OAEPParameterSpec OAEP_SHA1 =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    // DER of DigestInfo { AlgorithmIdentifier { md5, NULL }, OCTET STRING (16 bytes) } before the digest (RFC 8017 §9.2).
    private static final byte[] MD5_DIGEST_INFO = {
        0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02, 0x05,
        0x05, 0x00, 0x04, 0x10};

    private final Provider provider;
    private final String description;

    private RsaEngine(Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /**
     * The engine this process uses, chosen on first use from {@link #SETTING} or {@link #ENVIRONMENT}.
     * Signatures and PayLoad are static helpers called by the gateway, the SDK and merchants' own code,
     * and whether the native library loads is a fact about the whole process; so the choice is made once,
     * held by a lazily initialised class (the JVM makes that thread-safe) and never changes afterwards.
     */
    public static RsaEngine current() {
        return Chosen.ENGINE;
    }

    private static final class Chosen {
        static final RsaEngine ENGINE = choose(setting());

        private static String setting() {
            String property = System.getProperty(SETTING);
            return property != null ? property : System.getenv(ENVIRONMENT);
        }
    }

    /** The engine for a setting: {@code jdk} forces the JDK's provider; anything else prefers the native one. */
    public static RsaEngine choose(String setting) {
        if (setting != null && setting.trim().toLowerCase(Locale.ROOT).equals(FORCE_JDK)) {
            return jdk("forced by " + SETTING + "=" + FORCE_JDK);
        }
        return nativeProvider();
    }

    /** The JDK's own providers. */
    public static RsaEngine jdk() {
        return jdk(null);
    }

    private static RsaEngine jdk(String reason) {
        return new RsaEngine(null, "JDK" + (reason == null ? "" : " (" + reason + ")"));
    }

    /** The native provider when it is on the class path, loads and passes its self-test; the JDK's otherwise. */
    public static RsaEngine nativeProvider() {
        Provider found;
        try {
            found = ServiceLoader.load(Provider.class, RsaEngine.class.getClassLoader()).stream()
                    .filter(p -> p.type().getName().startsWith("com.amazon.corretto.crypto.provider."))
                    .map(ServiceLoader.Provider::get)
                    .filter(p -> p.getName().equals(NATIVE_PROVIDER))
                    .findFirst().orElse(null);
        } catch (ServiceConfigurationError | LinkageError e) {
            return jdk(NATIVE_PROVIDER + " did not load: " + e.getMessage());
        }
        if (found == null) {
            return jdk(NATIVE_PROVIDER + " is not on the class path");
        }
        if (found.getService("Signature", "SHA256withRSA") == null) {
            // The provider registers its algorithms only once its native library has loaded.
            return jdk(NATIVE_PROVIDER + "'s native library did not load on this machine");
        }
        RsaEngine candidate = new RsaEngine(found, found.getName() + " " + found.getVersionStr() + " (native)");
        try {
            candidate.selfTest();
            return candidate;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return jdk(NATIVE_PROVIDER + " failed its self-test: " + e);
        }
    }

    /** Whether the native provider runs. */
    public boolean isNative() {
        return provider != null;
    }

    /** The provider's name as operators see it, e.g. {@code AmazonCorrettoCryptoProvider} or {@code JDK}. */
    public String providerName() {
        return provider == null ? "JDK" : provider.getName();
    }

    /** What runs and, for the JDK's provider, why: for the start banner and logs. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * The key in the form this engine uses fastest; make it once where a key is loaded, since the native
     * provider otherwise converts a JDK key on every operation, which costs more than the operation itself.
     * Any key works with {@link #sign} and {@link #decryptOaepSha1}, prepared or not.
     */
    public PrivateKey prepare(PrivateKey key) {
        if (provider == null || !(key instanceof RSAPrivateCrtKey)) {
            return key;
        }
        try {
            return (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key the native code refuses is still signed with, by the JDK's provider (see sign).
            return key;
        }
    }

    /** The PKCS#1 v1.5 signature of {@code data}. */
    public byte[] sign(PrivateKey key, SignType type, byte[] data) throws GeneralSecurityException {
        if (provider != null && key instanceof RSAPrivateCrtKey crt) {
            try {
                return nativeSign(crt, type, data);
            } catch (InvalidKeyException e) {
                // Fall through: the JDK accepts some keys that the native code does not, and signs them the same.
            }
        }
        Signature signer = Signature.getInstance(type.jcaAlgorithm());
        signer.initSign(key);
        signer.update(data);
        return signer.sign();
    }

    private byte[] nativeSign(RSAPrivateCrtKey crt, SignType type, byte[] data) throws GeneralSecurityException {
        return switch (type) {
            case SHA256WITHRSA -> {
                Signature signer = Signature.getInstance(type.jcaAlgorithm(), provider);
                signer.initSign(crt);
                signer.update(data);
                yield signer.sign();
            }
            // The native provider has no MD5withRSA: build the PKCS#1 v1.5 block and do the raw RSA operation.
            case RSA -> rawPrivate(crt, md5Block(data, modulusBytes(crt)));
        };
    }

    /** The key that {@code encrypted} (RSA-OAEP with SHA-1 and MGF1-SHA-1) carries. */
    public byte[] decryptOaepSha1(PrivateKey key, byte[] encrypted) throws GeneralSecurityException {
        if (provider != null && key instanceof RSAPrivateCrtKey crt) {
            Cipher cipher = Cipher.getInstance(OAEP_TRANSFORMATION, provider);
            try {
                cipher.init(Cipher.DECRYPT_MODE, crt, OAEP_SHA1);
            } catch (InvalidKeyException e) {
                return jdkDecrypt(key, encrypted);
            }
            // The JDK reads a ciphertext shorter than the modulus as the same number; the native code wants every byte.
            int length = modulusBytes(crt);
            if (encrypted.length > length) {
                throw new IllegalBlockSizeException("the ciphertext is longer than the modulus");
            }
            try {
                return cipher.doFinal(leftPad(encrypted, length));
            } catch (RuntimeException e) {
                // The native provider reports some malformed input as unchecked errors; to callers it is one bad ciphertext.
                throw new BadPaddingException("the ciphertext cannot be decrypted");
            }
        }
        return jdkDecrypt(key, encrypted);
    }

    /**
     * {@code key} material encrypted for the holder of the private key (RSA-OAEP with SHA-1 and MGF1-SHA-1): a
     * public-key operation, cheap with the JDK's provider, so always made with it.
     */
    public static byte[] encryptOaepSha1(PublicKey key, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(OAEP_TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA1);
        return cipher.doFinal(input);
    }

    private static byte[] jdkDecrypt(PrivateKey key, byte[] encrypted) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(OAEP_TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, OAEP_SHA1);
        return cipher.doFinal(encrypted);
    }

    // EM = 0x00 || 0x01 || 0xFF... || 0x00 || DigestInfo(MD5(data)) (RFC 8017 §9.2), as long as the modulus.
    private static byte[] md5Block(byte[] data, int length) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("MD5").digest(data);
        int digestInfoLength = MD5_DIGEST_INFO.length + digest.length;
        if (length < digestInfoLength + 11) {
            throw new InvalidKeyException("the key is too short for an MD5withRSA signature");
        }
        byte[] block = new byte[length];
        block[1] = 0x01;
        int separator = length - digestInfoLength - 1;
        Arrays.fill(block, 2, separator, (byte) 0xff);
        System.arraycopy(MD5_DIGEST_INFO, 0, block, separator + 1, MD5_DIGEST_INFO.length);
        System.arraycopy(digest, 0, block, separator + 1 + MD5_DIGEST_INFO.length, digest.length);
        return block;
    }

    // Without padding, decryption is the bare private-key operation block^d mod n.
    private byte[] rawPrivate(RSAPrivateCrtKey key, byte[] block) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RSA/ECB/NoPadding", provider);
        cipher.init(Cipher.DECRYPT_MODE, key);
        return leftPad(cipher.doFinal(block), block.length);
    }

    private static int modulusBytes(RSAPrivateCrtKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    private static byte[] leftPad(byte[] value, int length) {
        if (value.length >= length) {
            return value;
        }
        byte[] padded = new byte[length];
        System.arraycopy(value, 0, padded, length - value.length, value.length);
        return padded;
    }

    // A native provider that loads but answers differently from the JDK must not sign a single message.
    private void selfTest() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        byte[] message = "llgate self-test".getBytes(StandardCharsets.UTF_8);
        RsaEngine jdk = jdk();
        PrivateKey prepared = prepare(pair.getPrivate());
        for (SignType type : SignType.values()) {
            if (!Arrays.equals(sign(prepared, type, message), jdk.sign(pair.getPrivate(), type, message))) {
                throw new GeneralSecurityException(type.jcaAlgorithm() + " signatures differ from the JDK's");
            }
        }
        if (!Arrays.equals(decryptOaepSha1(prepared, encryptOaepSha1(pair.getPublic(), message)), message)) {
            throw new GeneralSecurityException("OAEP decryption differs from the JDK's");
        }
    }
}
