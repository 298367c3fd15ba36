package io.llgate.protocol;

import java.util.Locale;
import java.util.Optional;

/** The values of {@code sign_type} and the signature algorithm each one selects. */
public enum SignType {
    RSA("MD5withRSA"),
    SHA256WITHRSA("SHA256withRSA");

    private final String jcaAlgorithm;

    SignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The value we write into {@code sign_type}. */
    public String wireName() {
        return name();
    }

    /** The algorithm name for {@link java.security.Signature#getInstance(String)}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** Reads a received {@code sign_type}; documents spell the SHA-256 variant in several cases. */
    public static Optional<SignType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "RSA" -> Optional.of(RSA);
            case "SHA256WITHRSA" -> Optional.of(SHA256WITHRSA);
            default -> Optional.empty();
        };
    }
}
