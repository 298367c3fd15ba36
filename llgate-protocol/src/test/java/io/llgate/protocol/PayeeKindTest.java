package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayeeKindTest {
    // Spec 10 I2: 0 personal and 1 corporate as LianLian's Chinese table and SDK write them; 2 corporate as its English pages do.
    @ParameterizedTest(name = "flag_card {0}: {1}")
    @CsvSource({"0, PERSONAL", "1, CORPORATE", "2, CORPORATE"})
    void readsEveryDocumentedFlagCard(String flagCard, PayeeKind kind) {
        assertThat(PayeeKind.ofFlagCard(flagCard)).contains(kind);
        assertThat(flagCard).matches(FieldRules.FLAG_CARD);
    }

    @ParameterizedTest(name = "flag_card [{0}]")
    @ValueSource(strings = {"", "3", "01", " 1", "null"})
    void refusesAnythingElse(String flagCard) {
        assertThat(PayeeKind.ofFlagCard(flagCard)).isEmpty();
        assertThat(flagCard.matches(FieldRules.FLAG_CARD)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PERSONAL, 0", "CORPORATE, 1"})
    void sendsTheChineseTablesValue(PayeeKind kind, String flagCard) {
        assertThat(kind.flagCard()).isEqualTo(flagCard);
        assertThat(PayeeKind.ofFlagCard(kind.flagCard())).contains(kind);
    }
}
