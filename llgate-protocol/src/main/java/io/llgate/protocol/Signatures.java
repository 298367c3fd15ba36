package io.llgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;

/** Signs and verifies a sign source string with RSA, the signature written as single-line base64. */
public final class Signatures {
    private Signatures() {
    }

    /** The base64 signature of the UTF-8 bytes of {@code source}, made by the process's {@link RsaEngine}. */
    public static String sign(PrivateKey key, SignType type, String source) {
        try {
            byte[] signature = RsaEngine.current().sign(key, type, source.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + type.jcaAlgorithm() + " failed", e);
        }
    }

    /**
     * Whether {@code signBase64} is a valid signature of {@code source}; any unreadable
     * signature is simply invalid. Whitespace is removed first because documented samples
     * carry stray spaces and line breaks inside the signature.
     */
    public static boolean verify(PublicKey key, SignType type, String source, String signBase64) {
        if (signBase64 == null) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(Whitespace.removeAll(signBase64));
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(type.jcaAlgorithm());
            verifier.initVerify(key);
            verifier.update(source.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("cannot verify with this key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + type.jcaAlgorithm(), e);
        }
    }
}
