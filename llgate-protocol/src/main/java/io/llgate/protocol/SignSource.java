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

    private SignSource() {
    }

    /** The sign source of a message, keys sorted case-insensitively as the SDK does. */
    public static String of(Map<String, String> fields) {
        return of(fields, Set.of(), CASE_INSENSITIVE);
    }

    /**
     * The sign source without {@code sign}, without the given keys and without null or empty
     * values; whitespace-only values stay because the SDK only drops empty strings.
     */
    public static String of(Map<String, String> fields, Set<String> excludedKeys, Comparator<String> order) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String key = field.getKey();
            String value = field.getValue();
            if (key.equals("sign") || excludedKeys.contains(key) || value == null || value.isEmpty()) {
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
