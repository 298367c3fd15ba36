package io.llgate.server.ledger;

import java.time.Instant;
import java.time.LocalDate;

/** Asked to settle, report or reconcile a business day that has not ended yet. */
public final class DayNotEndedException extends RuntimeException {
    public DayNotEndedException(String what, LocalDate lastDay, Instant endsAt) {
        super(what + " has not ended: " + (what.endsWith(BusinessDays.format(lastDay)) ? "it"
                : "its last business day " + BusinessDays.format(lastDay)) + " ends at "
                + endsAt.atZone(BusinessCalendar.ZONE).toOffsetDateTime() + " (Beijing)", null, false, false);
    }

    /** Throws unless {@code lastDay} ended by {@code now}; {@code what} names the day or month in the message. */
    public static void requireEnded(BusinessCalendar calendar, String what, LocalDate lastDay, Instant now) {
        Instant end = calendar.end(lastDay);
        if (now.isBefore(end)) {
            throw new DayNotEndedException(what, lastDay, end);
        }
    }
}
