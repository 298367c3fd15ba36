package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.WireTime;
import java.util.Collection;
import java.util.Optional;

/** The gateway's field checks, run before sending; each failure names the field as a 1004 would. */
final class Check {
    private Check() {
    }

    /** Present, not blank, text the gateway accepts ({@link FieldRules#isText}), at most {@code max} characters. */
    static String text(String name, String value, int max) {
        if (SignSource.isAbsent(value) || value.isBlank()) {
            throw new InvalidFieldException(name, "is required");
        }
        return limit(name, value, max);
    }

    /**
     * Absent (null, empty or the text {@code null}, which the gateway reads as absent), or text the gateway accepts
     * of at most {@code max} characters.
     */
    static String optionalText(String name, String value, int max) {
        return SignSource.isAbsent(value) ? null : limit(name, value, max);
    }

    /** An amount from 0.01 to 100,000,000.00 with at most two decimals, written with exactly two. */
    static String amount(String name, String value) {
        try {
            return Amounts.format(Amounts.parseFen(value));
        } catch (FieldFormatException e) {
            throw new InvalidFieldException(name, e.getMessage());
        }
    }

    /** The fen of an amount already checked. */
    static long fen(String checkedAmount) {
        try {
            return Amounts.parseFen(checkedAmount);
        } catch (FieldFormatException e) {
            throw new IllegalStateException("the amount was checked on construction", e);
        }
    }

    /** A real {@code yyyyMMddHHmmss} date and time. */
    static String dateTime(String name, String value) {
        try {
            WireTime.parseDateTime(value);
            return value;
        } catch (FieldFormatException e) {
            throw new InvalidFieldException(name, e.getMessage());
        }
    }

    /** An absolute http or https URL of at most {@code max} characters. */
    static String url(String name, String value, int max) {
        text(name, value, max);
        if (!FieldRules.isHttpUrl(value)) {
            throw new InvalidFieldException(name, "must be an absolute http or https URL");
        }
        return value;
    }

    static String matching(String name, String value, String regex, String description) {
        if (value == null || !value.matches(regex)) {
            throw new InvalidFieldException(name, "must be " + description);
        }
        return value;
    }

    static String oneOf(String name, String value, Collection<String> accepted) {
        if (value == null || !accepted.contains(value)) {
            throw new InvalidFieldException(name, "must be one of " + accepted);
        }
        return value;
    }

    /** A value that must be given. */
    static <T> T required(String name, T value) {
        if (value == null) {
            throw new InvalidFieldException(name, "is required");
        }
        return value;
    }

    static Optional<String> present(String value) {
        return SignSource.isAbsent(value) ? Optional.empty() : Optional.of(value);
    }

    private static String limit(String name, String value, int max) {
        if (!FieldRules.isText(name, value)) {
            throw new InvalidFieldException(name, "holds a control character"
                    + (FieldRules.MULTILINE_FIELDS.contains(name) ? " other than a tab or a line break" : ""));
        }
        if (FieldRules.length(value) > max) {
            throw new InvalidFieldException(name, "is longer than " + max + " characters");
        }
        return value;
    }
}
