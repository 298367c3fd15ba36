package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {

    @ParameterizedTest
    @CsvSource({
        "0.01, 1",
        "0.1, 10",
        "0.10, 10",
        "1, 100",
        "1.5, 150",
        "49.95, 4995",
        "100.0, 10000",
        "521.6, 52160",
        "0049.95, 4995",
        "99999999.99, 9999999999",
        "100000000, 10000000000",
        "100000000.00, 10000000000",
    })
    void readsAmountsWithUpToTwoDecimals(String text, long fen) throws Exception {
        assertThat(Amounts.parseFen(text)).isEqualTo(fen);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "0", "0.00", "0.0", "000000000.00", "0.001", "1.234", "49.950", "-1", "-0.01", "+1",
        "1e2", "1E2", "1.0e1", " 1.00", "1.00 ", "1,000.00", "1 000", ".6", "1.", "100000000.01", "100000001",
        "999999999", "1000000000", "\uFF11\uFF10\uFF10", "NaN", "Infinity", "0x10", "1_000", "¥1.00", "1.00元"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> Amounts.parseFen(text)).isInstanceOf(FieldFormatException.class);
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> Amounts.parseFen("1.234")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Amounts.parseFen("0.00")).hasMessageContaining("0.01");
    }

    @ParameterizedTest
    @CsvSource({
        "125000, 1250.00",
        "5, 0.05",
        "0, 0.00",
        "1, 0.01",
        "10, 0.10",
        "4995, 49.95",
        "10000000000, 100000000.00",
        "-105, -1.05",
        "-5, -0.05",
    })
    void writesExactlyTwoDecimals(long fen, String text) {
        assertThat(Amounts.format(fen)).isEqualTo(text);
    }

    @Test
    void writesExtremeValuesWithoutOverflow() {
        assertThat(Amounts.format(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
        assertThat(Amounts.format(Long.MAX_VALUE)).isEqualTo("92233720368547758.07");
    }

    @Property
    void everyAcceptedAmountSurvivesFormatting(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long fen)
            throws Exception {
        assertThat(Amounts.parseFen(Amounts.format(fen))).isEqualTo(fen);
    }

    @ParameterizedTest
    @CsvSource({
        "0.00, 0",
        "0, 0",
        "100.0, 10000",
        "30500.00, 3050000",
        "500000000.00, 50000000000",
        "92233720368547758.07, 9223372036854775807",
    })
    void readsBalancesFromZeroUpwards(String text, long fen) throws Exception {
        assertThat(Amounts.parseBalanceFen(text)).isEqualTo(fen);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-1.00", "1.234", " 1.00", "1,000.00", ".5", "92233720368547758.08", "1e3"})
    void refusesBalancesThatAreNotPlainAmounts(String text) {
        assertThatThrownBy(() -> Amounts.parseBalanceFen(text)).isInstanceOf(FieldFormatException.class);
    }
}
