package io.llgate.server.ledger;

import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Business days in Beijing time. A business day ends at the cut-off: money that moves at or after the
 * cut-off belongs to the next day's {@code settle_date}. The default cut-off, midnight, makes the business
 * day the calendar day.
 */
public record BusinessCalendar(LocalTime cutoff) {
    public static final ZoneId ZONE = WireTime.BEIJING;

    public BusinessCalendar {
        if (cutoff.getNano() != 0 || cutoff.getSecond() != 0) {
            throw new IllegalArgumentException("the cut-off is a time of day in whole minutes");
        }
    }

    /** Business days that are calendar days. */
    public static BusinessCalendar midnight() {
        return new BusinessCalendar(LocalTime.MIDNIGHT);
    }

    /** The business day (the {@code settle_date}) money moving at {@code instant} belongs to. */
    public LocalDate businessDay(Instant instant) {
        ZonedDateTime local = instant.atZone(ZONE);
        LocalDate date = local.toLocalDate();
        return !cutoff.equals(LocalTime.MIDNIGHT) && !local.toLocalTime().isBefore(cutoff) ? date.plusDays(1) : date;
    }

    /** {@link #businessDay} as the wire's {@code yyyyMMdd}. */
    public String settleDate(Instant instant) {
        return WireTime.date(businessDay(instant));
    }

    /** The instant the business day ends, when its settlement is due. */
    public Instant end(LocalDate day) {
        LocalDate endDate = cutoff.equals(LocalTime.MIDNIGHT) ? day.plusDays(1) : day;
        return endDate.atTime(cutoff).atZone(ZONE).toInstant();
    }

    /** The latest business day that has ended at {@code instant}. */
    public LocalDate lastEnded(Instant instant) {
        return businessDay(instant).minusDays(1);
    }
}
