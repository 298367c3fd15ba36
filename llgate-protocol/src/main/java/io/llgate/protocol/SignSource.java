package io.llgate.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the string a LianLian signature covers: sorted {@code key=value} pairs joined with {@code &}. */
public final class SignSource {
    /** The order the official SDK sorts keys in. */
    public static final Comparator<String> CASE_INSENSITIVE = String.CASE_INSENSITIVE_ORDER;

    /** Plain code-unit order, which some non-Java signers use. */
    public static final Comparator<String> BYTE_ORDER = Comparator.naturalOrder();

    /**
     * The text LianLian's own web demo writes for a missing field, which its signing helper leaves out of the
     * sign source like an empty value (spec 00, A3b).
     */
    public static final String NULL_TEXT = "null";

    private SignSource() {
    }

    /**
     * Whether a field's value counts as absent: null, empty, or the text {@code null} (A3b). The one rule both
     * the sign source and every reading of a request field follow.
     */
    public static boolean isAbsent(String value) {
        return value == null || value.isEmpty() || value.equals(NULL_TEXT);
    }

    /** The sign source of a message, keys sorted case-insensitively as the SDK does. */
    public static String of(Map<String, String> fields) {
        return of(fields, Set.of(), CASE_INSENSITIVE);
    }

    /**
     * The sign source without {@code sign}, without the given keys and without absent values (null, empty or
     * the text {@code null}, see {@link #isAbsent}); whitespace-only values stay because the SDK only drops
     * empty strings.
     */
    public static String of(Map<String, String> fields, Set<String> excludedKeys, Comparator<String> order) {
        return of(fields, excludedKeys, order, false);
    }

    /**
     * Like {@link #of(Map, Set, Comparator)}; with {@code keepNullText} a value that is the text {@code null}
     * stays in the source, as a signer that does not know LianLian's rule puts it there.
     */
    public static String of(Map<String, String> fields, Set<String> excludedKeys, Comparator<String> order,
                            boolean keepNullText) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String key = field.getKey();
            String value = field.getValue();
            boolean absent = keepNullText ? value == null || value.isEmpty() : isAbsent(value);
            if (key.equals("sign") || excludedKeys.contains(key) || absent) {
                continue;
            }
            keys.add(key);
        }
        // Case-insensitive order ties on keys like "a"/"A"; byte order decides so the result never depends on map order.
        keys.sort(order.thenComparing(BYTE_ORDER));
        StringBuilder source = new StringBuilder();
        for (String key : keys) {
            if (!source.isEmpty()) {
                source.append('&');
            }
            source.append(key).append('=').append(fields.get(key));
        }
        return source.toString();
    }
}
