package io.llgate.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code lianpay1_0_1} envelope: {@code version$rsa(hmac_key)$rsa(aes_key)$nonce$aes(json)$hmac},
 * every part after the version in base64.
 */
public final class PayLoad {
    private static final String VERSION = "lianpay1_0_1";
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 8;
    private static final String SECRET_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // sun.misc.BASE64Encoder, used by the Java SDK, writes 57 input bytes (76 characters) per line.
    private static final int MIME_LINE_BYTES = 57;

    /**
     * The three random values of one envelope; the keys are used as their bytes, not decoded,
     * so any 32-byte strings work (the Java SDK draws from {@code 0-9A-Z}, the .NET SDK uses hex).
     */
    public record Secrets(String hmacKey, String aesKey, String nonce) {
        public Secrets {
            requireBytes(hmacKey, KEY_LENGTH, "hmacKey");
            requireBytes(aesKey, KEY_LENGTH, "aesKey");
            requireBytes(nonce, NONCE_LENGTH, "nonce");
        }

        /** Fresh secrets drawn like the Java SDK does: {@code 0-9A-Z} from a SecureRandom. */
        public static Secrets random() {
            SecureRandom random = new SecureRandom();
            return new Secrets(draw(random, KEY_LENGTH), draw(random, KEY_LENGTH), draw(random, NONCE_LENGTH));
        }

        @Override
        public String toString() {
            return "Secrets[hidden]";
        }

        private static void requireBytes(String value, int length, String name) {
            if (value == null || value.getBytes(StandardCharsets.UTF_8).length != length) {
                throw new IllegalArgumentException(name + " must be " + length + " bytes");
            }
        }

        private static String draw(SecureRandom random, int length) {
            StringBuilder value = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                value.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
            }
            return value.toString();
        }
    }

    private PayLoad() {
    }

    /** Encrypts {@code innerJson} for the gateway with fresh secrets and unwrapped base64, as the PHP and .NET SDKs do. */
    public static String seal(PublicKey gatewayKey, String innerJson) {
        return seal(gatewayKey, innerJson, Secrets.random(), false);
    }

    /**
     * Encrypts {@code innerJson} for the gateway. With {@code mimeLineBreaks} every segment is
     * wrapped like the Java SDK's output, and the HMAC covers the wrapped text as the SDK's does.
     */
    public static String seal(PublicKey gatewayKey, String innerJson, Secrets secrets, boolean mimeLineBreaks) {
        byte[] hmacKey = secrets.hmacKey().getBytes(StandardCharsets.UTF_8);
        byte[] aesKey = secrets.aesKey().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = secrets.nonce().getBytes(StandardCharsets.UTF_8);
        try {
            String encryptedHmacKey = base64(RsaEngine.encryptOaepSha1(gatewayKey, hmacKey), mimeLineBreaks);
            String encryptedAesKey = base64(RsaEngine.encryptOaepSha1(gatewayKey, aesKey), mimeLineBreaks);
            String nonceText = base64(nonce, mimeLineBreaks);
            String body = base64(aesCtr(Cipher.ENCRYPT_MODE, aesKey, nonce,
                    innerJson.getBytes(StandardCharsets.UTF_8)), mimeLineBreaks);
            String mac = base64(hmac(hmacKey, nonceText + "$" + body), mimeLineBreaks);
            return String.join("$", VERSION, encryptedHmacKey, encryptedAesKey, nonceText, body, mac);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("cannot encrypt with this gateway key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pay_load encryption failed", e);
        }
    }

    /** The inner JSON text of a {@code pay_load}, after checking its HMAC. */
    public static String open(PrivateKey gatewayKey, String payLoad) throws PayLoadException {
        if (payLoad == null) {
            throw new PayLoadException("pay_load is missing");
        }
        String[] parts = payLoad.split("\\$", -1);
        if (parts.length != 6) {
            throw new PayLoadException("pay_load must have 6 parts separated by '$', found " + parts.length);
        }
        if (!parts[0].equals(VERSION)) {
            throw new PayLoadException("pay_load version must be " + VERSION);
        }
        byte[] encryptedHmacKey = decodeBase64(parts[1], "encrypted hmac key");
        byte[] encryptedAesKey = decodeBase64(parts[2], "encrypted aes key");
        byte[] nonce = decodeBase64(parts[3], "nonce");
        byte[] ciphertext = decodeBase64(parts[4], "encrypted message");
        byte[] mac = decodeBase64(parts[5], "hmac");

        byte[] hmacKey = decryptKey(gatewayKey, encryptedHmacKey, "hmac key");
        byte[] aesKey = decryptKey(gatewayKey, encryptedAesKey, "aes key");
        if (hmacKey.length != KEY_LENGTH || aesKey.length != KEY_LENGTH) {
            throw new PayLoadException("pay_load keys must be " + KEY_LENGTH + " bytes");
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new PayLoadException("pay_load nonce must be " + NONCE_LENGTH + " bytes");
        }
        // The Java SDK's HMAC covers its segments as sent, line breaks included; a sender whose HMAC
        // covered the text without line breaks, or whose breaks were added on the way, is accepted too.
        boolean authentic = macMatches(hmacKey, parts[3] + "$" + parts[4], mac)
                || macMatches(hmacKey, Whitespace.removeAll(parts[3]) + "$" + Whitespace.removeAll(parts[4]), mac);
        if (!authentic) {
            throw new PayLoadException("pay_load hmac does not match");
        }
        byte[] plaintext;
        try {
            plaintext = aesCtr(Cipher.DECRYPT_MODE, aesKey, nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new PayLoadException("pay_load message cannot be decrypted");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PayLoadException("pay_load message is not valid UTF-8");
        }
    }

    private static byte[] decryptKey(PrivateKey gatewayKey, byte[] encrypted, String name) throws PayLoadException {
        try {
            return RsaEngine.current().decryptOaepSha1(gatewayKey, encrypted);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("cannot decrypt with this gateway key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new PayLoadException("pay_load " + name + " cannot be decrypted with the gateway key");
        }
    }

    // CTR with a 64-bit nonce followed by a 64-bit counter that starts at 1, as the SDKs do.
    private static byte[] aesCtr(int mode, byte[] key, byte[] nonce, byte[] input) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(nonce, 0, iv, 0, NONCE_LENGTH);
        iv[15] = 1;
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(input);
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean macMatches(byte[] key, String text, byte[] expected) {
        try {
            return MessageDigest.isEqual(hmac(key, text), expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static byte[] decodeBase64(String text, String name) throws PayLoadException {
        try {
            return Base64.getDecoder().decode(Whitespace.removeAll(text));
        } catch (IllegalArgumentException e) {
            throw new PayLoadException("pay_load " + name + " is not valid base64");
        }
    }

    /** Standard base64; wrapped like sun.misc.BASE64Encoder, which ends every full line with CRLF, even the last. */
    private static String base64(byte[] data, boolean mimeLineBreaks) {
        if (!mimeLineBreaks) {
            return Base64.getEncoder().encodeToString(data);
        }
        StringBuilder text = new StringBuilder();
        for (int start = 0; start < data.length; start += MIME_LINE_BYTES) {
            int end = Math.min(start + MIME_LINE_BYTES, data.length);
            text.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, start, end)));
            if (end - start == MIME_LINE_BYTES) {
                text.append("\r\n");
            }
        }
        return text.toString();
    }
}
