package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code llgate rates list} and {@code set} against a sandbox gateway with its default rates. */
class RatesCommandTest {
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void listShowsTheRatesInForce() {
        Cli.Run list = Cli.admin(gateway, "rates", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("CURRENCY").contains("JPY").contains("0.0480").contains("sandbox defaults")
                .doesNotContain("Without a rate");
    }

    @Test
    void setThenHistoryShowsTheReplacedRate() {
        Cli.Run set = Cli.admin(gateway, "rates", "set", "hkd", "0.9200", "--by", "treasury");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).startsWith("Rate ").contains("1 HKD = 0.9200 CNY from ");
        assertThat(gateway.rates().at(Currency.getInstance("HKD"), gateway.clock().instant()).orElseThrow().wire())
                .isEqualTo("0.9200");

        Cli.Run history = Cli.admin(gateway, "rates", "list", "--currency", "HKD", "--history");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().lines().skip(1).toList()).hasSize(2);
        assertThat(history.out()).contains("0.9200").contains("treasury").contains("0.9150");
    }

    @Test
    void aScheduledWindowIsSentAsGiven() {
        Instant from = gateway.clock().instant().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Cli.Run set = Cli.admin(gateway, "rates", "set", "SEK", "0.7", "--from", from.toString(), "--until",
                from.plus(Duration.ofHours(1)).toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("1 SEK = 0.7000 CNY from " + from).contains(" until ");
        assertThat(Cli.admin(gateway, "rates", "list", "--currency", "SEK").out()).contains("0.6800")
                .doesNotContain("0.7000");
    }

    @Test
    void aRefusedRateIsOneLineWithoutAStackTrace() {
        Cli.Run bad = Cli.admin(gateway, "rates", "set", "USD", "7.12345");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("more than 4 decimals");
        assertThat(bad.showsStackTrace()).isFalse();
        Cli.Run unknown = Cli.admin(gateway, "rates", "list", "--currency", "XYZ");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("currency must be one of");
        assertThat(Cli.run("rates", "list", "--server=" + Cli.deadServer()).err()).contains("no gateway at");
    }

    @Test
    void helpDescribesTheCommands() {
        Cli.Run help = Cli.run("rates", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("list").contains("set");
        Cli.Run setHelp = Cli.run("rates", "set", "--help");
        assertThat(setHelp.exitCode()).isZero();
        assertThat(setHelp.out()).contains("--from").contains("--until").contains("four decimals");
    }
}
