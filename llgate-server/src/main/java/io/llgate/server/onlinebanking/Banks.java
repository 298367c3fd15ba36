package io.llgate.server.onlinebanking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The banks of the cashier, in the order it lists them. They are data ({@code banks.json}: the common
 * banks of the spec's reference list), not code, so a deployment can change them without a release.
 */
public final class Banks {
    private final List<Bank> banks;

    public Banks(List<Bank> banks) {
        this.banks = List.copyOf(banks);
    }

    /** The banks shipped with the gateway. */
    public static Banks standard() {
        try (InputStream in = Banks.class.getResourceAsStream("banks.json")) {
            if (in == null) {
                throw new IllegalStateException("banks.json is missing from the classpath");
            }
            List<Bank> banks = new ArrayList<>();
            for (JsonNode node : JsonMapper.builder().build().readTree(in)) {
                Set<PayType> types = EnumSet.noneOf(PayType.class);
                for (JsonNode type : node.get("pay_types")) {
                    types.add(PayType.byCode(type.asText())
                            .orElseThrow(() -> new IllegalStateException("banks.json: unknown pay_type " + type)));
                }
                banks.add(new Bank(node.get("bank_code").asText(), node.get("bank_name").asText(),
                        node.get("english_name").asText(), types, node.get("returns_to_merchant").asBoolean()));
            }
            return new Banks(banks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read banks.json", e);
        }
    }

    public List<Bank> all() {
        return banks;
    }

    public Optional<Bank> find(String bankCode) {
        return banks.stream().filter(b -> b.bankCode().equals(bankCode)).findFirst();
    }

    /** The banks that serve this kind of online banking. */
    public List<Bank> offering(PayType type) {
        return banks.stream().filter(b -> b.offers(type)).toList();
    }
}
