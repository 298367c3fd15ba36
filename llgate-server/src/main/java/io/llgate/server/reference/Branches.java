package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FieldRules;
import io.llgate.server.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bank branches the gateway knows by large-value number ({@code prcptcd}), read once from data
 * ({@code branches.json}): corporate payouts check a given {@code prcptcd} against it (spec 10, I2), and the
 * branch number query (14 §3b) answers from it. The shipped file is a small sandbox set; LianLian publishes
 * no branch list.
 */
public final class Branches {
    private final Map<String, Branch> byPrcptcd;

    public Branches(List<Branch> branches) {
        Map<String, Branch> map = new LinkedHashMap<>();
        for (Branch branch : branches) {
            if (map.putIfAbsent(branch.prcptcd(), branch) != null) {
                throw new IllegalArgumentException("branch " + branch.prcptcd() + " is listed twice");
            }
        }
        this.byPrcptcd = Map.copyOf(map);
    }

    /** The branches shipped with the gateway. */
    public static Branches standard() {
        try (InputStream in = Branches.class.getResourceAsStream("branches.json")) {
            if (in == null) {
                throw new IllegalStateException("branches.json is missing from the classpath");
            }
            List<Branch> branches = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(in).get("branches")) {
                branches.add(branch(node));
            }
            return new Branches(branches);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branches.json", e);
        }
    }

    private static Branch branch(JsonNode node) {
        Branch branch = new Branch(node.get("prcptcd").asText(), node.get("bank_code").asText(),
                node.get("city_code").asText(), node.get("brabank_name").asText());
        if (!branch.prcptcd().matches(FieldRules.PRCPTCD) || !branch.bankCode().matches(FieldRules.BANK_CODE)
                || !branch.cityCode().matches(FieldRules.CITY_CODE)) {
            throw new IllegalStateException("branches.json: malformed branch " + branch);
        }
        return branch;
    }

    /** The branch with this large-value number. */
    public Optional<Branch> find(String prcptcd) {
        return Optional.ofNullable(byPrcptcd.get(prcptcd));
    }

    /** Every branch, ordered by {@code prcptcd}. */
    public List<Branch> all() {
        return byPrcptcd.values().stream().sorted(Comparator.comparing(Branch::prcptcd)).toList();
    }
}
