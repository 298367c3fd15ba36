package io.llgate.server.cardbin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card BIN table (spec 14 §3): which bank issued a card and whether it is a debit or a credit card, found by
 * the longest BIN its number starts with, and the limits each bank's cards have with quick and verified payment.
 * It is data ({@code bins.json}), read once, so a deployment can swap in the card scheme's full table.
 */
public final class CardBins {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIN = "\\d{5,10}";
    private static final String BANK_CODE = "\\d{8}";

    private final Map<String, CardBin> byPrefix;
    private final int shortest;
    private final int longest;
    private final Map<LimitKey, Limits> limits;

    private record LimitKey(String bankCode, CardType cardType, LimitPayType payType) {
    }

    public CardBins(List<CardBin> bins, List<BankLimits> bankLimits) {
        Map<String, CardBin> prefixes = new HashMap<>();
        for (CardBin bin : bins) {
            if (!bin.prefix().matches(BIN) || !bin.issuer().bankCode().matches(BANK_CODE)) {
                throw new IllegalArgumentException("malformed BIN " + bin);
            }
            CardBin earlier = prefixes.putIfAbsent(bin.prefix(), bin);
            if (earlier != null) {
                throw new IllegalArgumentException("BIN " + bin.prefix() + " is listed twice: " + earlier + " and " + bin);
            }
        }
        Map<LimitKey, Limits> byKey = new HashMap<>();
        for (BankLimits entry : bankLimits) {
            if (byKey.putIfAbsent(new LimitKey(entry.bankCode(), entry.cardType(), entry.payType()), entry.limits()) != null) {
                throw new IllegalArgumentException("limits listed twice for " + entry.bankCode() + ", card type "
                        + entry.cardType().code() + ", pay_type " + entry.payType().code());
            }
        }
        this.byPrefix = Map.copyOf(prefixes);
        this.shortest = prefixes.keySet().stream().mapToInt(String::length).min().orElse(0);
        this.longest = prefixes.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.limits = Map.copyOf(byKey);
    }

    /** The table shipped with the gateway. */
    public static CardBins standard() {
        try (InputStream in = CardBins.class.getResourceAsStream("bins.json")) {
            if (in == null) {
                throw new IllegalStateException("bins.json is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bins.json", e);
        }
    }

    /** A table in the shape of {@code bins.json}: banks, each with its debit and credit BINs and its limits. */
    public static CardBins read(InputStream in) throws IOException {
        List<CardBin> bins = new ArrayList<>();
        List<BankLimits> bankLimits = new ArrayList<>();
        for (JsonNode bank : required(JSON.readTree(in), "banks")) {
            Issuer issuer = new Issuer(text(bank, "bank_code"), text(bank, "bank_name"));
            for (JsonNode prefix : bank.path("debit")) {
                bins.add(new CardBin(prefix.asText(), issuer, CardType.DEBIT));
            }
            for (JsonNode prefix : bank.path("credit")) {
                bins.add(new CardBin(prefix.asText(), issuer, CardType.CREDIT));
            }
            for (JsonNode entry : bank.path("limits")) {
                bankLimits.add(new BankLimits(issuer.bankCode(), cardType(entry), payType(entry), new Limits(
                        yuan(entry, "single_amt"), yuan(entry, "day_amt"), yuan(entry, "month_amt"))));
            }
        }
        return new CardBins(bins, bankLimits);
    }

    /**
     * What the query answers about a card: its BIN and, when {@code limitsOf} names a product, that product's
     * limits for the card's bank and kind if the table has them. 5001 when no BIN matches.
     */
    public CardBinAnswer identify(String cardNo, Optional<LimitPayType> limitsOf) {
        CardBin bin = find(cardNo).orElseThrow(() -> Refusal.of(RetCode.CARD_BIN_CHECK_FAILED));
        Optional<Limits> known = limitsOf.flatMap(payType -> limits(bin.issuer().bankCode(), bin.cardType(), payType));
        return new CardBinAnswer(cardNo.substring(Math.max(0, cardNo.length() - 4)), bin, known);
    }

    /** The longest BIN the card number starts with. */
    public Optional<CardBin> find(String cardNo) {
        for (int length = Math.min(longest, cardNo.length()); length >= shortest && length > 0; length--) {
            CardBin bin = byPrefix.get(cardNo.substring(0, length));
            if (bin != null) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    /** The limits a bank's cards of one kind have with a product, when the table lists them. */
    public Optional<Limits> limits(String bankCode, CardType cardType, LimitPayType payType) {
        return Optional.ofNullable(limits.get(new LimitKey(bankCode, cardType, payType)));
    }

    /** Every BIN, for checks of the data. */
    public List<CardBin> all() {
        return List.copyOf(byPrefix.values());
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("bins.json: " + name + " is missing in " + node);
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        return required(node, name).asText();
    }

    private static CardType cardType(JsonNode entry) {
        String code = text(entry, "card_type");
        return CardType.of(code).orElseThrow(() -> new IllegalStateException("bins.json: unknown card_type " + code));
    }

    private static LimitPayType payType(JsonNode entry) {
        String code = text(entry, "pay_type");
        return LimitPayType.of(code).orElseThrow(() -> new IllegalStateException("bins.json: unknown pay_type " + code));
    }

    private static long yuan(JsonNode entry, String name) {
        String text = text(entry, name);
        if (!text.matches("\\d{1,8}")) {
            throw new IllegalStateException("bins.json: " + name + " is not whole yuan: " + text);
        }
        return Long.parseLong(text);
    }
}
