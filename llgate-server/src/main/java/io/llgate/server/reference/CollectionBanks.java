package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The banks each collection product accepts, with their limits ({@code collection-banks.json}): one table per
 * product, naming the {@code product_type} and {@code pay_chnl} pairs it answers. The support bank query lists a
 * table (spec 14 §3a); the card BIN query adds one bank's limits from the quick payment table or from the table of
 * verified collection on the API channel (14 §3, D10). Read once, as data, so a deployment can swap in the tables
 * LianLian configures.
 */
public final class CollectionBanks {
    /** The table of quick payment, which no {@code product_type} and {@code pay_chnl} pair names. */
    private static final String QUICK_PAYMENT = "quick";
    private static final String YUAN = "\\d{1,8}";

    private final Map<String, List<CollectionBank>> tables;
    private final Map<CollectionChannel, String> tableOf;

    /**
     * @param tables  each table's banks by its name
     * @param tableOf the table each channel answers from
     */
    public CollectionBanks(Map<String, List<CollectionBank>> tables, Map<CollectionChannel, String> tableOf) {
        Map<String, List<CollectionBank>> sorted = new HashMap<>();
        tables.forEach((name, banks) -> {
            List<CollectionBank> ordered = banks.stream()
                    .sorted(Comparator.comparing(CollectionBank::bankCode).thenComparing(CollectionBank::cardType))
                    .toList();
            for (int i = 1; i < ordered.size(); i++) {
                CollectionBank before = ordered.get(i - 1);
                CollectionBank bank = ordered.get(i);
                if (before.bankCode().equals(bank.bankCode()) && before.cardType() == bank.cardType()) {
                    throw new IllegalArgumentException("table " + name + " lists " + bank.bankCode() + ", card type "
                            + bank.cardType().code() + " twice");
                }
            }
            sorted.put(name, ordered);
        });
        tableOf.forEach((channel, name) -> {
            if (!sorted.containsKey(name)) {
                throw new IllegalArgumentException(channel + " answers from table " + name + ", which does not exist");
            }
        });
        this.tables = Map.copyOf(sorted);
        this.tableOf = Map.copyOf(tableOf);
    }

    /** The tables shipped with the gateway; every bank in them must have a name in {@code names}. */
    public static CollectionBanks standard(BankNames names) {
        DataFile file = DataFile.shipped("collection-banks.json");
        Map<String, List<CollectionBank>> tables = new HashMap<>();
        Map<CollectionChannel, String> tableOf = new HashMap<>();
        for (JsonNode table : file.required(file.root(), "tables")) {
            String name = file.required(table, "table").asText();
            List<CollectionBank> banks = new ArrayList<>();
            for (JsonNode bank : file.required(table, "banks")) {
                banks.add(bank(file, bank, names));
            }
            if (tables.put(name, banks) != null) {
                throw file.invalid("table " + name + " is listed twice");
            }
            for (JsonNode channel : file.required(table, "channels")) {
                CollectionChannel pair = new CollectionChannel(file.text(channel, "product_type", "\\d"),
                        file.text(channel, "pay_chnl", "\\d{2}"));
                if (tableOf.put(pair, name) != null) {
                    throw file.invalid(pair + " is in two tables");
                }
            }
        }
        return new CollectionBanks(tables, tableOf);
    }

    private static CollectionBank bank(DataFile file, JsonNode bank, BankNames names) {
        String code = file.text(bank, "bank_code", "\\d{8}");
        if (names.of(code).isEmpty()) {
            throw file.invalid("bank_code " + code + " is not in bank-codes.json");
        }
        CardType cardType = CardType.of(file.text(bank, "card_type", "[23]")).orElseThrow();
        Limits limits = new Limits(Long.parseLong(file.text(bank, "single_amt", YUAN)),
                Long.parseLong(file.text(bank, "day_amt", YUAN)), Long.parseLong(file.text(bank, "month_amt", YUAN)));
        boolean maintenance = file.text(bank, "bank_status", "[02]").equals("2");
        return new CollectionBank(code, cardType, limits, maintenance);
    }

    /** The banks the product on this channel accepts for this kind of card, by {@code bank_code}; none if unset. */
    public List<CollectionBank> accepting(CollectionChannel channel, CardType cardType) {
        return Optional.ofNullable(tableOf.get(channel))
                .map(name -> tables.get(name).stream().filter(bank -> bank.cardType() == cardType).toList())
                .orElse(List.of());
    }

    /** One bank of the product on this channel, for this kind of card, when the product accepts it. */
    public Optional<CollectionBank> find(CollectionChannel channel, String bankCode, CardType cardType) {
        return accepting(channel, cardType).stream().filter(bank -> bank.bankCode().equals(bankCode)).findFirst();
    }

    /** One bank of quick payment, for this kind of card, when quick payment accepts it. */
    public Optional<CollectionBank> quickPayment(String bankCode, CardType cardType) {
        return tables.getOrDefault(QUICK_PAYMENT, List.of()).stream()
                .filter(bank -> bank.bankCode().equals(bankCode) && bank.cardType() == cardType)
                .findFirst();
    }
}
