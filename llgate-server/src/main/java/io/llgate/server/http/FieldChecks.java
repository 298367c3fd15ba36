package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.WireTime;
import io.llgate.server.security.MerchantUrlGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The field rules every product shares; each failure is 1004 naming the field. */
public final class FieldChecks {
    private static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(30);
    private FieldChecks() {
    }

    /**
     * A required field of at most {@code max} characters. Blank text counts as missing here, although
     * the signature keeps whitespace-only values: nobody can be paid or found by a name of spaces.
     */
    public static String text(ApiRequest r, String name, int max) {
        String value = r.required(name);
        if (value.isBlank()) {
            throw Refusal.badField(name);
        }
        return limit(name, value, max);
    }

    /** An optional field of at most {@code max} characters. */
    public static Optional<String> optionalText(ApiRequest r, String name, int max) {
        return r.optional(name).map(v -> limit(name, v, max));
    }

    /** A required amount: two decimals at most, 0.01 to 100,000,000.00; returned in fen. */
    public static long amount(ApiRequest r, String name) {
        try {
            return Amounts.parseFen(r.required(name));
        } catch (FieldFormatException e) {
            throw Refusal.badField(name);
        }
    }

    /** A required {@code yyyyMMddHHmmss} date-time. */
    public static String dateTime(ApiRequest r, String name) {
        String value = r.required(name);
        try {
            WireTime.parseDateTime(value);
            return value;
        } catch (FieldFormatException e) {
            throw Refusal.badField(name);
        }
    }

    /** A required absolute http or https URL of at most {@code max} characters. */
    public static String url(ApiRequest r, String name, int max) {
        return webUrl(name, text(r, name, max));
    }

    /** An optional absolute http or https URL of at most {@code max} characters. */
    public static Optional<String> optionalUrl(ApiRequest r, String name, int max) {
        return optionalText(r, name, max).map(value -> webUrl(name, value));
    }

    private static String webUrl(String name, String value) {
        if (!FieldRules.isHttpUrl(value)) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /**
     * A required absolute http or https URL that the gateway will call, of at most {@code max} characters,
     * which the guard allows (in production mode: a host with public addresses only).
     */
    public static String url(ApiRequest r, String name, int max, MerchantUrlGuard guard) {
        String value = url(r, name, max);
        if (guard.refusal(value).isPresent()) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** An optional URL of at most {@code max} characters which, when given, the guard allows. */
    public static Optional<String> optionalUrl(ApiRequest r, String name, int max, MerchantUrlGuard guard) {
        Optional<String> value = optionalUrl(r, name, max);
        if (value.isPresent() && guard.refusal(value.get()).isPresent()) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** {@code valid_order}: whole minutes, 1 to 999999, until an unpaid order closes; {@code fallback} when absent. */
    public static int validOrder(ApiRequest r, int fallback) {
        return r.optional("valid_order").map(v -> {
            if (!v.matches("\\d{1,6}") || Integer.parseInt(v) == 0) {
                throw Refusal.badField("valid_order");
            }
            return Integer.parseInt(v);
        }).orElse(fallback);
    }

    /** A version field: one of the accepted values, or absent when {@code required} is false. */
    public static Optional<String> version(ApiRequest r, String name, boolean required, Set<String> accepted) {
        Optional<String> value = required ? Optional.of(r.required(name)) : r.optional(name);
        if (value.isPresent() && !accepted.contains(value.get().trim())) {
            throw Refusal.badField(name);
        }
        return value.map(String::trim);
    }

    /** A required field matching a pattern. */
    public static String matching(ApiRequest r, String name, String regex) {
        String value = r.required(name);
        if (!value.matches(regex)) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** An optional field that must match a pattern when sent. */
    public static Optional<String> optionalMatching(ApiRequest r, String name, String regex) {
        Optional<String> value = r.optional(name);
        if (value.isPresent() && !value.get().matches(regex)) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** A required field that is one of the listed values. */
    public static String oneOf(ApiRequest r, String name, Set<String> values) {
        String value = r.required(name);
        if (!values.contains(value)) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** A required {@code timestamp}-style field: a {@code yyyyMMddHHmmss} Beijing time within 30 minutes of {@code now}, either way. */
    public static void recentTimestamp(ApiRequest r, String name, Instant now) {
        Instant sent;
        try {
            sent = WireTime.parseDateTime(r.required(name)).atZone(WireTime.BEIJING).toInstant();
        } catch (FieldFormatException e) {
            throw Refusal.badField(name);
        }
        if (Duration.between(sent, now).abs().compareTo(TIMESTAMP_WINDOW) > 0) {
            throw Refusal.badField(name);
        }
    }

    private static String limit(String name, String value, int max) {
        if (FieldRules.length(value) > max) {
            throw Refusal.badField(name);
        }
        return value;
    }
}
