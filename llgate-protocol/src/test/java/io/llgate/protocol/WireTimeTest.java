package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireTimeTest {

    @Test
    void readsFourteenDigitTimes() throws Exception {
        assertThat(WireTime.parseDateTime("20240101120000")).isEqualTo(LocalDateTime.of(2024, 1, 1, 12, 0, 0));
        assertThat(WireTime.parseDateTime("20240229235959")).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
        assertThat(WireTime.parseDateTime("19991231000000")).isEqualTo(LocalDateTime.of(1999, 12, 31, 0, 0, 0));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2024010112000", "202401011200000", "20240230120000", "20230229120000",
        "20240431120000", "20241301120000", "20240001120000", "20240100120000", "20240101240000",
        "20240101126000", "20240101120060", "00000101000000", "2024-01-01 12:00", "2024010112000a",
        " 20240101120000", "20240101120000 ", "-2024010112000", "\uFF12\uFF10\uFF12\uFF14\uFF10\uFF11\uFF10\uFF11\uFF11\uFF12\uFF10\uFF10\uFF10\uFF10",
        "20240101"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> WireTime.parseDateTime(text)).isInstanceOf(FieldFormatException.class);
    }

    @Test
    void writesInstantsInBeijingTime() {
        Instant lateEveningUtc = Instant.parse("2024-01-01T16:30:05Z");

        assertThat(WireTime.dateTime(lateEveningUtc)).isEqualTo("20240102003005");
        assertThat(WireTime.date(lateEveningUtc)).isEqualTo("20240102");
        assertThat(WireTime.date(Instant.parse("2024-01-01T15:59:59Z"))).isEqualTo("20240101");
    }

    @Test
    void writesLocalValuesAsTheyAre() {
        assertThat(WireTime.dateTime(LocalDateTime.of(2024, 3, 5, 7, 8, 9, 999_000_000))).isEqualTo("20240305070809");
        assertThat(WireTime.date(LocalDate.of(2024, 3, 5))).isEqualTo("20240305");
    }

    @Test
    void beijingIsUtcPlusEight() {
        assertThat(WireTime.BEIJING.getRules().getOffset(Instant.parse("2024-07-01T00:00:00Z")))
                .isEqualTo(ZoneOffset.ofHours(8));
    }

    // From 1992 on: Beijing had daylight saving time until 1991, whose repeated local hour cannot round-trip.
    @Property
    void everyWrittenTimeReadsBack(@ForAll @LongRange(min = 700_000_000L, max = 253_402_271_999L) long epochSecond)
            throws Exception {
        Instant instant = Instant.ofEpochSecond(epochSecond);

        LocalDateTime read = WireTime.parseDateTime(WireTime.dateTime(instant));

        assertThat(read.atZone(WireTime.BEIJING).toInstant()).isEqualTo(instant);
    }
}
