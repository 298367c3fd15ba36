package io.llgate.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FieldRules;
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
        DataFile file = DataFile.shipped("branches.json");
        List<Branch> branches = new ArrayList<>();
        for (JsonNode node : file.required(file.root(), "branches")) {
            branches.add(new Branch(file.text(node, "prcptcd", FieldRules.PRCPTCD),
                    file.text(node, "bank_code", "\\d{8}"), file.text(node, "city_code", FieldRules.CITY_CODE),
                    file.required(node, "brabank_name").asText()));
        }
        return new Branches(branches);
    }

    /** The branch with this large-value number. */
    public Optional<Branch> find(String prcptcd) {
        return Optional.ofNullable(byPrcptcd.get(prcptcd));
    }

    /** The branches of one bank, ordered by {@code prcptcd}. */
    public List<Branch> ofBank(String bankCode) {
        return all().stream().filter(branch -> branch.bankCode().equals(bankCode)).toList();
    }

    /** Every branch, ordered by {@code prcptcd}. */
    public List<Branch> all() {
        return byPrcptcd.values().stream().sorted(Comparator.comparing(Branch::prcptcd)).toList();
    }
}
