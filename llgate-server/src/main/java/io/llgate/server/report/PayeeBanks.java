package io.llgate.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Chinese names of the banks that accept instant payments, by {@code bank_code}, for the payout files'
 * 收款方银行 column: LianLian's published list ({@code instant-pay-support-banks.json}), kept as it was published.
 */
public final class PayeeBanks {
    private final Map<String, String> names;

    PayeeBanks(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** The list shipped with the gateway. */
    public static PayeeBanks standard() {
        try (InputStream in = PayeeBanks.class.getResourceAsStream("instant-pay-support-banks.json")) {
            if (in == null) {
                throw new IllegalStateException("instant-pay-support-banks.json is missing from the classpath");
            }
            Map<String, String> names = new HashMap<>();
            for (JsonNode bank : Json.MAPPER.readTree(in)) {
                names.putIfAbsent(bank.get("bank_code").asText(), bank.get("bank_name").asText());
            }
            return new PayeeBanks(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read instant-pay-support-banks.json", e);
        }
    }

    /** The bank's name, or empty for a code the list does not have (or none). */
    public Optional<String> name(String bankCode) {
        return Optional.ofNullable(bankCode == null ? null : names.get(bankCode));
    }
}
