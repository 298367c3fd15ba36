package io.llgate.server.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps payee data unreadable at rest: AES-GCM sealing for card numbers and names, a keyed
 * hash so equal card numbers can be found without decrypting, and the masked form shown to people.
 */
public final class CardVault {
    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec sealKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    public CardVault(byte[] dataKey) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("the data key must be 32 bytes");
        }
        this.sealKey = new SecretKeySpec(derive(dataKey, "seal"), "AES");
        this.hashKey = new SecretKeySpec(derive(dataKey, "hash"), "HmacSHA256");
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value cannot be opened with this data key", e);
        }
    }

    /** A stable keyed hash: equal card numbers give equal hashes, and the hash reveals nothing. */
    public String hash(String cardNo) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(cardNo.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The query-reply style mask: first six and last four digits, stars between. */
    public static String mask(String cardNo) {
        if (cardNo.length() <= 10) {
            return "*".repeat(Math.max(0, cardNo.length() - 4)) + cardNo.substring(Math.max(0, cardNo.length() - 4));
        }
        return cardNo.substring(0, 6) + "*".repeat(cardNo.length() - 10) + cardNo.substring(cardNo.length() - 4);
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
