package io.llgate.server.ledger;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** Business days and months as operators and files write them: {@code yyyyMMdd} and {@code yyyyMM}. */
public final class BusinessDays {
    private static final Pattern DAY = Pattern.compile("\\d{8}");
    private static final Pattern MONTH = Pattern.compile("\\d{6}");
    private static final DateTimeFormatter DAY_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH_FORMAT = DateTimeFormatter.ofPattern("uuuuMM")
            .withResolverStyle(ResolverStyle.STRICT);

    private BusinessDays() {
    }

    /** Reads {@code yyyyMMdd}; throws IllegalArgumentException with a message for people otherwise. */
    public static LocalDate parseDay(String text) {
        if (text == null || !DAY.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("a business day is written yyyyMMdd, such as 20240612, not '" + text + "'");
        }
        try {
            return LocalDate.parse(text.trim(), DAY_FORMAT);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(text.trim() + " is not a real date");
        }
    }

    /** Reads {@code yyyyMM}; throws IllegalArgumentException with a message for people otherwise. */
    public static YearMonth parseMonth(String text) {
        if (text == null || !MONTH.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("a month is written yyyyMM, such as 202406, not '" + text + "'");
        }
        try {
            return YearMonth.parse(text.trim(), MONTH_FORMAT);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(text.trim() + " is not a real month");
        }
    }

    public static String format(LocalDate day) {
        return DAY_FORMAT.format(day);
    }

    public static String format(YearMonth month) {
        return MONTH_FORMAT.format(month);
    }
}
