package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardBank;
import io.llgate.server.bank.CardCharge;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardHolder;
import io.llgate.server.card.IdType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every ready-made card of docs/products/test-cards.md gets the outcome the table gives it. */
class SandboxCardIssuerTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([0-9]{16,19})` \\| ([^|(]+?)(?: \\(`([0-9]{8})`\\))? \\| (debit|credit) \\| ([^|]+) \\|$");
    private final SandboxCardIssuer issuer = new SandboxCardIssuer(List::of);

    record TestCard(String cardNo, String bankName, boolean credit, String outcome) {
    }

    @Test
    void everyReadyMadeCardAnswersAsDocumented() throws IOException {
        List<TestCard> cards = readyMadeCards();
        assertThat(cards).hasSizeGreaterThan(20);
        for (TestCard card : cards) {
            IssuedCard issued = issuer.identify(card.cardNo()).orElseThrow(() -> new AssertionError(card + " has no issuer"));
            assertThat(issued.bankName()).as(card.cardNo()).isEqualTo(card.bankName());
            assertThat(issued.credit()).as(card.cardNo()).isEqualTo(card.credit());
            CardHolder holder = new CardHolder(card.cardNo(), "王小明", IdType.PRC_ID_CARD, "11010119900307803X",
                    "13800138000", card.credit() ? "1230" : null);
            Optional<IssuerAnswer> check = issuer.checkHolder(holder, card.credit() ? Optional.of(CardFields.cvv2("321"))
                    : Optional.empty());
            IssuerAnswer charge = issuer.charge(new CardCharge("2026120500000001", holder, 100, false));
            IssuerAnswer preAuth = issuer.charge(new CardCharge("2026120500000001", holder, 100, true));
            Matcher code = Pattern.compile("`([0-9]{4})`").matcher(card.outcome());
            String expected = code.find() ? code.group(1) : null;
            if (card.outcome().startsWith("pays")) {
                assertThat(check).as(card.cardNo()).isEmpty();
                assertThat(charge.outcome()).as(card.cardNo()).isEqualTo(IssuerAnswer.Outcome.APPROVED);
            } else if (card.outcome().contains("PROCESSING")) {
                assertThat(check).as(card.cardNo()).isEmpty();
                assertThat(charge.outcome()).as(card.cardNo()).isEqualTo(IssuerAnswer.Outcome.PENDING);
            } else if (card.outcome().startsWith("pre-authorization")) {
                assertThat(charge.outcome()).isEqualTo(IssuerAnswer.Outcome.APPROVED);
                assertThat(preAuth.refusal()).isEqualTo(RetCode.PAYMENT_FAILED);
            } else if (card.outcome().startsWith("insufficient")) {
                assertThat(check).as(card.cardNo()).isEmpty();
                assertThat(charge.refusal()).as(card.cardNo()).isEqualTo(RetCode.CARD_INSUFFICIENT_FUNDS);
            } else {
                assertThat(check).as(card.cardNo()).isPresent();
                assertThat(check.get().refusal().code()).as(card.cardNo()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theCvv2CheckedCardTakesOnly123() {
        CardHolder holder = new CardHolder("6221660000001130", "王小明", IdType.PRC_ID_CARD, "11010119900307803X",
                "13800138000", "1230");
        assertThat(issuer.checkHolder(holder, Optional.of(CardFields.cvv2("123")))).isEmpty();
        assertThat(issuer.checkHolder(holder, Optional.of(CardFields.cvv2("124")))).get()
                .extracting(IssuerAnswer::refusal).isEqualTo(RetCode.CARD_EXPIRY_OR_CVV2_WRONG);
    }

    @Test
    void everyReadyMadeCardIsOfABankItListsWithItsKind() throws IOException {
        List<CardBank> banks = issuer.banks();
        assertThat(banks).extracting(CardBank::bankCode).doesNotHaveDuplicates();
        for (TestCard card : readyMadeCards()) {
            IssuedCard issued = issuer.identify(card.cardNo()).orElseThrow();
            assertThat(banks).as(card.cardNo()).anySatisfy(bank -> {
                assertThat(bank.bankCode()).isEqualTo(issued.bankCode());
                assertThat(issued.credit() ? bank.credit() : bank.debit()).isTrue();
            });
        }
    }

    @Test
    void aCardNoBankIssuedHasNoIssuer() {
        assertThat(issuer.identify("9999990000000000001")).isEmpty();
    }

    @Test
    void aTimeoutIsResolvedThroughTheListenerThatOwnsIt() {
        List<String> applied = new ArrayList<>();
        SandboxCardIssuer withListener = new SandboxCardIssuer(() -> List.of(
                (reference, answer) -> false,
                (reference, answer) -> reference.equals("P1") && applied.add(reference + ":" + answer.outcome())));
        assertThat(withListener.resolve("P1", true)).isTrue();
        assertThat(withListener.resolve("P2", false)).isFalse();
        assertThat(applied).containsExactly("P1:APPROVED");
    }

    static List<TestCard> readyMadeCards() throws IOException {
        List<TestCard> cards = new ArrayList<>();
        for (String line : Files.readAllLines(doc("docs/products/test-cards.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                cards.add(new TestCard(m.group(1), m.group(2).strip(), m.group(4).equals("credit"), m.group(5).strip()));
            }
        }
        return cards;
    }

    private static Path doc(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(path))) {
                return dir.resolve(path);
            }
        }
        throw new IllegalStateException(path + " not found above " + Path.of("").toAbsolutePath());
    }
}
