package io.llgate.server.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.Money;
import io.llgate.server.sandbox.SandboxClock;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of the rate table on a real database: windows, replacement, overrides, history and refusals. */
class RateTableTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private Database database;
    private SandboxClock clock;
    private RateTable table;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.fresh());
        clock = new SandboxClock(Clock.fixed(START, ZoneOffset.UTC));
        table = new RateTable(database.jdbi(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEmptyTableHasNoRate() {
        assertThat(table.at(USD, START)).isEmpty();
        assertThat(table.current()).isEmpty();
    }

    @Test
    void aRateIsInForceFromNowUntilReplaced() {
        StoredRate first = table.set(rate(USD, "7.1500"));
        assertThat(first.rate().validFrom()).isEqualTo(START);
        assertThat(first.rate().validUntil()).isNull();
        assertThat(first.createdAt()).isEqualTo(START);
        assertThat(first.createdBy()).isEqualTo("test");
        assertThat(table.at(USD, START.minusSeconds(1))).isEmpty();
        assertThat(table.at(USD, START.plus(Duration.ofDays(400))).orElseThrow().wire()).isEqualTo("7.1500");

        clock.advance(Duration.ofHours(2));
        StoredRate second = table.set(rate(USD, "7.2"));
        assertThat(second.rate().wire()).isEqualTo("7.2000");

        ExchangeRate ended = table.byId(first.rate().id()).orElseThrow();
        assertThat(ended.validUntil()).as("the replaced rate ends when the new one begins")
                .isEqualTo(START.plus(Duration.ofHours(2)));
        assertThat(ended.wire()).isEqualTo("7.1500");
        assertThat(table.at(USD, START.plus(Duration.ofHours(1))).orElseThrow().id()).isEqualTo(first.rate().id());
        assertThat(table.at(USD, START.plus(Duration.ofHours(2))).orElseThrow().id()).isEqualTo(second.rate().id());
        assertThat(table.at(EUR, START.plus(Duration.ofHours(2)))).as("other currencies are untouched").isEmpty();
    }

    @Test
    void aRateSetNowIsInForceAtOnceWhateverTheClocksPrecision() {
        clock.advance(Duration.ofNanos(455_439_878));
        StoredRate set = table.set(rate(USD, "7.1500"));
        assertThat(table.at(USD, clock.instant()).orElseThrow().id()).isEqualTo(set.rate().id());
    }

    @Test
    void aRateWithItsOwnEndLaysOverTheRateBeneathForItsWindowOnly() {
        StoredRate base = table.set(rate(USD, "7.1500"));
        Instant from = START.plus(Duration.ofHours(1));
        Instant until = START.plus(Duration.ofHours(3));
        StoredRate promo = table.set(new NewRate(USD, new BigDecimal("7.0000"), Optional.of(from), Optional.of(until),
                "test"));

        assertThat(table.byId(base.rate().id()).orElseThrow().validUntil()).as("the base rate is not ended").isNull();
        assertThat(table.at(USD, START).orElseThrow().wire()).isEqualTo("7.1500");
        assertThat(table.at(USD, from).orElseThrow().id()).isEqualTo(promo.rate().id());
        assertThat(table.at(USD, until.minusMillis(1)).orElseThrow().wire()).isEqualTo("7.0000");
        assertThat(table.at(USD, until).orElseThrow().id()).as("the end is exclusive").isEqualTo(base.rate().id());
    }

    @Test
    void aScheduledRateTakesOverWhenItBegins() {
        StoredRate now = table.set(rate(USD, "7.1500"));
        Instant tomorrow = START.plus(Duration.ofDays(1));
        StoredRate next = table.set(new NewRate(USD, new BigDecimal("7.3000"), Optional.of(tomorrow), Optional.empty(),
                "test"));

        assertThat(table.byId(now.rate().id()).orElseThrow().validUntil()).isEqualTo(tomorrow);
        assertThat(table.current()).extracting(r -> r.rate().id()).containsExactly(now.rate().id());
        clock.advance(Duration.ofDays(1));
        assertThat(table.current()).extracting(r -> r.rate().id()).containsExactly(next.rate().id());
    }

    @Test
    void anOrderKeepsFindingItsRateByIdAfterItEnded() {
        StoredRate first = table.set(rate(USD, "7.1500"));
        clock.advance(Duration.ofMinutes(5));
        table.set(rate(USD, "7.3000"));
        ExchangeRate priced = table.byId(first.rate().id()).orElseThrow();
        assertThat(priced.toCny(Money.of(4500, USD))).isEqualTo(Money.cny(32175));
        assertThat(table.byId(999_999)).isEmpty();
    }

    @Test
    void historyListsEveryRateOfACurrencyLatestFirst() {
        StoredRate a = table.set(rate(USD, "7.1000"));
        clock.advance(Duration.ofMinutes(1));
        StoredRate b = table.set(rate(USD, "7.2000"));
        table.set(rate(EUR, "7.8000"));
        clock.advance(Duration.ofMinutes(1));
        StoredRate c = table.set(rate(USD, "7.3000"));

        assertThat(table.history(Optional.of(USD), 100)).extracting(r -> r.rate().id())
                .containsExactly(c.rate().id(), b.rate().id(), a.rate().id());
        assertThat(table.history(Optional.of(USD), 2)).hasSize(2);
        assertThat(table.history(Optional.empty(), 100)).hasSize(4);
        assertThat(table.current()).extracting(r -> r.rate().currency().getCurrencyCode() + " " + r.rate().wire())
                .containsExactly("EUR 7.8000", "USD 7.3000");
    }

    @Test
    void ratesSetAtOnceForOneCurrencyLeaveOneInForce() throws Exception {
        table.set(rate(USD, "7.0000"));
        List<Callable<StoredRate>> sets = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String value = "7.000" + i;
            sets.add(() -> table.set(rate(USD, value)));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<StoredRate> done : pool.invokeAll(sets)) {
                done.get();
            }
        }
        assertThat(table.history(Optional.of(USD), 100)).hasSize(9)
                .filteredOn(r -> r.rate().validUntil() == null).as("open-ended rates").hasSize(1);
    }

    @Test
    void refusedRatesStoreNothing() {
        table.set(rate(USD, "7.1500"));
        assertRefused(() -> table.set(rate(USD, "7.15001")), "more than 4 decimals");
        assertRefused(() -> table.set(rate(USD, "0")), "above 0");
        assertRefused(() -> table.set(rate(USD, "-1")), "above 0");
        assertRefused(() -> table.set(rate(USD, "100000.0001")), "at most 100000");
        assertRefused(() -> table.set(rate(CNY, "1.0100")), "CNY rate is always 1.0000");
        assertRefused(() -> table.set(rate(Currency.getInstance("CHF"), "8.0000")), "not supported");
        assertRefused(() -> table.set(new NewRate(USD, BigDecimal.TEN, Optional.of(START.minusSeconds(1)),
                Optional.empty(), "test")), "in the past");
        assertRefused(() -> table.set(new NewRate(USD, BigDecimal.TEN, Optional.empty(), Optional.of(START),
                "test")), "must be after valid_from");

        assertThat(table.history(Optional.empty(), 100)).extracting(r -> r.rate().wire()).containsExactly("7.1500");
        assertThat(table.current().get(0).rate().validUntil()).isNull();
        assertThat(table.set(rate(CNY, "1")).rate().wire()).isEqualTo("1.0000");
    }

    @Test
    void rateTextIsReadWithoutRounding() {
        assertThat(RateTable.parse("7.15")).isEqualByComparingTo("7.1500");
        assertThat(RateTable.parse(" 0.0480 ")).isEqualTo(new BigDecimal("0.0480"));
        assertThat(RateTable.parse("7.150000")).as("trailing zeros round nothing").isEqualTo(new BigDecimal("7.1500"));
        assertRefused(() -> RateTable.parse("0.04805"), "more than 4 decimals");
        for (String bad : new String[] {"", "7,15", "1e3", "+7", "7.", ".5", "seven", "7.15 USD"}) {
            assertRefused(() -> RateTable.parse(bad), "rate must be a decimal number");
        }
    }

    @Test
    void seedingFillsOnlyCurrenciesWithoutAnyRate() {
        table.set(rate(USD, "7.3000"));
        int seeded = table.seed(Map.of(USD, new BigDecimal("7.1500"), EUR, new BigDecimal("7.8000")), Instant.EPOCH,
                "defaults");
        assertThat(seeded).isEqualTo(1);
        assertThat(table.at(USD, START).orElseThrow().wire()).isEqualTo("7.3000");
        assertThat(table.at(EUR, Instant.parse("2001-01-01T00:00:00Z")).orElseThrow().wire()).isEqualTo("7.8000");
        assertThat(table.seed(Map.of(EUR, new BigDecimal("9.0000")), Instant.EPOCH, "defaults")).isZero();
    }

    private static NewRate rate(Currency currency, String value) {
        return NewRate.now(currency, new BigDecimal(value), "test");
    }

    private static void assertRefused(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(RateRefusedException.class).hasMessageContaining(reason);
    }
}
