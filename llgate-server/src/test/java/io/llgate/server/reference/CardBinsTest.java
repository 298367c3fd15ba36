package io.llgate.server.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BIN table without HTTP: longest-prefix matching, and the shipped data. */
class CardBinsTest {
    private static final Issuer ICBC = new Issuer("01020000", "工商银行");
    private static final Issuer CMB = new Issuer("03080000", "招商银行");

    @Test
    void theLongestMatchingBinWins() {
        CardBins bins = new CardBins(List.of(new CardBin("62220", ICBC, CardType.DEBIT),
                new CardBin("6222021", CMB, CardType.CREDIT), new CardBin("622202", ICBC, CardType.DEBIT)));

        assertThat(bins.find("6222021234567890")).map(CardBin::prefix).contains("6222021");
        assertThat(bins.find("6222020234567890")).map(CardBin::prefix).contains("622202");
        assertThat(bins.find("6222030234567890")).map(CardBin::prefix).contains("62220");
        assertThat(bins.find("6222130234567890")).isEmpty();
    }

    @Test
    void aBinListedTwiceOrMalformedIsRefusedAtLoad() {
        assertThatThrownBy(() -> new CardBins(List.of(new CardBin("622202", ICBC, CardType.DEBIT),
                new CardBin("622202", CMB, CardType.CREDIT)))).hasMessageContaining("622202");
        assertThatThrownBy(() -> new CardBins(List.of(new CardBin("62a202", ICBC, CardType.DEBIT))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, Limits.UNLIMITED + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedTableHasEveryCommonBankOfTheSpecWithItsName() {
        Map<String, String> names = CardBins.standard().all().stream().map(CardBin::issuer).distinct()
                .collect(Collectors.toMap(Issuer::bankCode, Issuer::bankName));

        // Spec 14 §2, keyed by bank_code only (D1).
        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("01020000", "工商银行"), Map.entry("01050000", "建设银行"), Map.entry("01030000", "农业银行"),
                Map.entry("03080000", "招商银行"), Map.entry("03010000", "交通银行"), Map.entry("03100000", "浦发银行"),
                Map.entry("03060000", "广发银行"), Map.entry("01040000", "中国银行"), Map.entry("03030000", "光大银行"),
                Map.entry("01000000", "中国邮储银行"), Map.entry("03050000", "民生银行"), Map.entry("03020000", "中信银行"),
                Map.entry("04031000", "北京银行"), Map.entry("03070000", "平安银行"), Map.entry("03040000", "华夏银行")));
    }

    @Test
    void theShippedTableKnowsTheSandboxTestCardsAndBothCardTypesOfTheBigBanks() {
        CardBins bins = CardBins.standard();

        // The card numbers the README, the demo and the tests use for the sandbox bank.
        assertThat(bins.find("6216610000012345678")).map(CardBin::issuer).contains(new Issuer("01040000", "中国银行"));
        assertThat(bins.find("6222020000000001")).map(CardBin::issuer).contains(ICBC);
        assertThat(bins.find("6222080200001234567")).map(CardBin::issuer).contains(ICBC);
        assertThat(bins.find("6217000010001234567")).map(CardBin::issuer).contains(new Issuer("01050000", "建设银行"));
        for (String bank : List.of("01020000", "01050000", "01030000", "01040000", "03080000")) {
            assertThat(bins.all().stream().filter(b -> b.issuer().bankCode().equals(bank)).map(CardBin::cardType)
                    .distinct()).as(bank).containsExactlyInAnyOrder(CardType.DEBIT, CardType.CREDIT);
        }
    }
}
