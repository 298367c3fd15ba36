package io.llgate.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Wire dates and times, always Beijing time. */
public final class WireTime {
    /** The zone of every wire time and business date. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private WireTime() {
    }

    /** Reads {@code yyyyMMddHHmmss}; impossible dates and times such as Feb 30 or hour 24 are refused. */
    public static LocalDateTime parseDateTime(String text) throws FieldFormatException {
        if (text == null || !FOURTEEN_DIGITS.matcher(text).matches()) {
            throw new FieldFormatException("time must be 14 digits yyyyMMddHHmmss");
        }
        int year = Integer.parseInt(text, 0, 4, 10);
        if (year == 0) {
            throw new FieldFormatException("time " + text + " has year 0000");
        }
        try {
            return LocalDateTime.of(year,
                    Integer.parseInt(text, 4, 6, 10),
                    Integer.parseInt(text, 6, 8, 10),
                    Integer.parseInt(text, 8, 10, 10),
                    Integer.parseInt(text, 10, 12, 10),
                    Integer.parseInt(text, 12, 14, 10));
        } catch (DateTimeException e) {
            throw new FieldFormatException("time " + text + " is not a real date and time");
        }
    }

    /** The instant as Beijing {@code yyyyMMddHHmmss}. */
    public static String dateTime(Instant instant) {
        return dateTime(LocalDateTime.ofInstant(instant, BEIJING));
    }

    /** The local date-time as {@code yyyyMMddHHmmss}. */
    public static String dateTime(LocalDateTime dateTime) {
        return DATE_TIME.format(dateTime);
    }

    /** The Beijing date of the instant as {@code yyyyMMdd}. */
    public static String date(Instant instant) {
        return date(LocalDate.ofInstant(instant, BEIJING));
    }

    /** The date as {@code yyyyMMdd}. */
    public static String date(LocalDate date) {
        return DATE.format(date);
    }
}
