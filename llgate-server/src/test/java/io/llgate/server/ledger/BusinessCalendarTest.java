package io.llgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static Instant beijing(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BusinessCalendar.ZONE).toInstant();
    }

    @Test
    void midnightCutOffMakesBusinessDaysBeijingCalendarDays() {
        BusinessCalendar calendar = BusinessCalendar.midnight();
        // 16:30 UTC on 12 June is 00:30 on 13 June in Beijing.
        assertThat(calendar.settleDate(Instant.parse("2024-06-12T16:30:00Z"))).isEqualTo("20240613");
        assertThat(calendar.settleDate(beijing("2024-06-12T23:59:59"))).isEqualTo("20240612");
        assertThat(calendar.end(LocalDate.of(2024, 6, 12))).isEqualTo(beijing("2024-06-13T00:00:00"));
        assertThat(calendar.lastEnded(beijing("2024-06-13T00:00:00"))).isEqualTo(LocalDate.of(2024, 6, 12));
        assertThat(calendar.lastEnded(beijing("2024-06-12T23:59:59"))).isEqualTo(LocalDate.of(2024, 6, 11));
    }

    @Test
    void moneyMovingAtOrAfterAnEveningCutOffBelongsToTheNextDay() {
        BusinessCalendar calendar = new BusinessCalendar(LocalTime.of(22, 0));
        assertThat(calendar.settleDate(beijing("2024-06-12T21:59:59"))).isEqualTo("20240612");
        assertThat(calendar.settleDate(beijing("2024-06-12T22:00:00"))).isEqualTo("20240613");
        assertThat(calendar.end(LocalDate.of(2024, 6, 12))).isEqualTo(beijing("2024-06-12T22:00:00"));
        assertThat(calendar.lastEnded(beijing("2024-06-12T22:00:00"))).isEqualTo(LocalDate.of(2024, 6, 12));
        // The business day that ends at the cut-off is over exactly then, never a minute before.
        assertThat(calendar.lastEnded(beijing("2024-06-12T21:59:00"))).isEqualTo(LocalDate.of(2024, 6, 11));
    }

    @Test
    void cutOffIsWholeMinutes() {
        assertThatThrownBy(() -> new BusinessCalendar(LocalTime.of(22, 0, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
