package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Chinese name of every {@code bank_code}, as LianLian publishes them ({@code bank-codes.json}, kept as it was
 * published): the names answers give a bank by its code (spec 14 §2, D1: banks are keyed by code only). Where the
 * list names a code more than once, its first name is the one used.
 */
public final class BankNames {
    private final Map<String, String> byCode;

    public BankNames(Map<String, String> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    /** LianLian's list, shipped with the gateway. */
    public static BankNames standard() {
        DataFile file = DataFile.shipped("bank-codes.json");
        Map<String, String> names = new HashMap<>();
        for (JsonNode entry : file.root()) {
            JsonNode node = file.required(entry, "node");
            // Kept as published, where one code has a trailing space.
            String code = file.required(node, "bank_code").asText().strip();
            if (!code.matches("\\d{8}")) {
                throw file.invalid("malformed bank_code " + code);
            }
            String name = file.required(node, "bank_name").asText().strip();
            // The published list gives some codes several names (a bank and its former city banks): the first wins.
            names.putIfAbsent(code, name);
        }
        return new BankNames(names);
    }

    /** The bank's name, when the list has its code. */
    public Optional<String> of(String bankCode) {
        return Optional.ofNullable(byCode.get(bankCode));
    }
}
