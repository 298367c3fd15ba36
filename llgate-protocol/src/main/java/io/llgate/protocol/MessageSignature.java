package io.llgate.protocol;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Signs whole messages and verifies them with the tolerance real merchant integrations need. */
public final class MessageSignature {
    /** The outcome of a verification and the sign source built from the message as received. */
    public record Verification(boolean valid, String signSource) {
    }

    private MessageSignature() {
    }

    /**
     * A new message holding {@code fields} in their order, without old signature fields and
     * without absent values (null, empty or the text {@code null}), followed by {@code sign_type} and {@code sign}.
     */
    public static LinkedHashMap<String, String> sign(PrivateKey key, SignType type, Map<String, String> fields) {
        return sign(key, type, fields, Set.of());
    }

    /**
     * Like {@link #sign(PrivateKey, SignType, Map)}, but the fields named in {@code unsignedKeys} stay out of
     * the signature and follow {@code sign}, as the documented "not involved in signature" reply fields do.
     */
    public static LinkedHashMap<String, String> sign(PrivateKey key, SignType type, Map<String, String> fields,
                                                     Set<String> unsignedKeys) {
        LinkedHashMap<String, String> signed = new LinkedHashMap<>();
        LinkedHashMap<String, String> unsigned = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey().trim();
            String value = field.getValue();
            // A3b: the text null means absent, so it is never sent.
            if (name.equals("sign") || name.equals("sign_type") || SignSource.isAbsent(value)) {
                continue;
            }
            (unsignedKeys.contains(name) ? unsigned : signed).put(field.getKey(), value);
        }
        signed.put("sign_type", type.wireName());
        signed.put("sign", Signatures.sign(key, type, SignSource.of(signed)));
        signed.putAll(unsigned);
        return signed;
    }

    /** Verifies the message's {@code sign} over all its other fields. */
    public static Verification verify(PublicKey key, SignType type, Map<String, String> fields) {
        return verify(key, type, fields, Set.of());
    }

    /**
     * Verifies the message's {@code sign}, leaving out {@code excludedKeys}. Accepts a signature
     * made over the keys as received or trimmed, sorted case-insensitively or by bytes, since
     * merchants' signers differ on exactly these points; and, after all of those, one made over a
     * source that keeps values written as the text {@code null}, which LianLian's rule leaves out (A3b).
     */
    public static Verification verify(PublicKey key, SignType type, Map<String, String> fields,
                                      Set<String> excludedKeys) {
        String asReceived = SignSource.of(fields, excludedKeys, SignSource.CASE_INSENSITIVE);
        Optional<String> sign = field(fields, "sign");
        if (sign.isEmpty()) {
            return new Verification(false, asReceived);
        }
        // A set, so an attempt that yields the same string as an earlier one costs no second RSA operation.
        Set<String> attempts = new LinkedHashSet<>();
        attempts.add(asReceived);
        attempts.add(SignSource.of(fields, excludedKeys, SignSource.BYTE_ORDER));
        Map<String, String> trimmed = withTrimmedKeys(fields);
        if (trimmed != null) {
            for (Comparator<String> order : List.of(SignSource.CASE_INSENSITIVE, SignSource.BYTE_ORDER)) {
                attempts.add(SignSource.of(trimmed, excludedKeys, order));
            }
        }
        if (fields.containsValue(SignSource.NULL_TEXT)) {
            List<Map<String, String>> spellings = trimmed == null ? List.of(fields) : List.of(fields, trimmed);
            for (Map<String, String> spelling : spellings) {
                for (Comparator<String> order : List.of(SignSource.CASE_INSENSITIVE, SignSource.BYTE_ORDER)) {
                    attempts.add(SignSource.of(spelling, excludedKeys, order, true));
                }
            }
        }
        for (String source : attempts) {
            if (Signatures.verify(key, type, source, sign.get())) {
                return new Verification(true, asReceived);
            }
        }
        return new Verification(false, asReceived);
    }

    /**
     * The value of the first field whose key, trimmed, is {@code name}; samples show keys like {@code "sign_type "}.
     * A value that is the text {@code null} is absent (A3b); an empty one is returned, for callers that tell
     * "sent empty" from "not sent".
     */
    public static Optional<String> field(Map<String, String> fields, String name) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().trim().equals(name)) {
                return Optional.ofNullable(field.getValue()).filter(v -> !v.equals(SignSource.NULL_TEXT));
            }
        }
        return Optional.empty();
    }

    /** The fields with trimmed keys, or null when trimming makes two keys the same. */
    private static Map<String, String> withTrimmedKeys(Map<String, String> fields) {
        Map<String, String> trimmed = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String key = field.getKey().trim();
            if (trimmed.containsKey(key)) {
                return null;
            }
            trimmed.put(key, field.getValue());
        }
        return trimmed;
    }
}
