package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card BIN table (spec 14 §3): which bank issued a card and whether it is a debit or a credit card, found by
 * the longest BIN its number starts with. The card BIN query answers from it, and the branch number query finds
 * the bank of a {@code card_no} in it (14 §3b). It is data ({@code bins.json}), read once, so a deployment can swap
 * in the card scheme's full table.
 */
public final class CardBins {
    private static final String BIN = "\\d{5,10}";
    private static final String BANK_CODE = "\\d{8}";

    private final Map<String, CardBin> byPrefix;
    private final int shortest;
    private final int longest;

    public CardBins(List<CardBin> bins) {
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
        this.byPrefix = Map.copyOf(prefixes);
        this.shortest = prefixes.keySet().stream().mapToInt(String::length).min().orElse(0);
        this.longest = prefixes.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The table shipped with the gateway. */
    public static CardBins standard() {
        return of(DataFile.shipped("bins.json"));
    }

    /** A table in the shape of {@code bins.json}: banks, each with its debit and credit BINs. */
    public static CardBins read(InputStream in) throws IOException {
        return of(DataFile.read("bins.json", in));
    }

    private static CardBins of(DataFile file) {
        List<CardBin> bins = new ArrayList<>();
        for (JsonNode bank : file.required(file.root(), "banks")) {
            Issuer issuer = new Issuer(file.required(bank, "bank_code").asText(),
                    file.required(bank, "bank_name").asText());
            for (JsonNode prefix : bank.path("debit")) {
                bins.add(new CardBin(prefix.asText(), issuer, CardType.DEBIT));
            }
            for (JsonNode prefix : bank.path("credit")) {
                bins.add(new CardBin(prefix.asText(), issuer, CardType.CREDIT));
            }
        }
        return new CardBins(bins);
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

    /** Every BIN, for checks of the data. */
    public List<CardBin> all() {
        return List.copyOf(byPrefix.values());
    }
}
