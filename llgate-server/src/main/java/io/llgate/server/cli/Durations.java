package io.llgate.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}) or as ISO-8601 ({@code PT2M}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Reads a duration; throws IllegalArgumentException with a message fit for the user. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Duration duration;
        Matcher shortForm = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (trimmed.equals("0")) {
            duration = Duration.ZERO;
        } else if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a duration: write 500ms, 5s, 2m, 1h, 1d"
                        + " or ISO-8601 such as PT2M");
            }
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + trimmed + "' is negative; durations cannot be");
        }
        return duration;
    }

    /** The shortest exact form: {@code 2m} rather than {@code 120s}; ISO-8601 when no single unit fits. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException e) {
            return duration.toString();
        }
        if (!duration.equals(Duration.ofMillis(millis))) {
            return duration.toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
