package io.llgate.server.branchnumber;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RetCode;
import io.llgate.server.reference.Branch;
import java.util.LinkedHashMap;

/** The branch number query's reply (spec 14 §3b), the product's one wire message; the web layer signs it. */
final class BranchNumberMessages {
    /** The list member, a JSON array (D12) whose compact text is in the sign source (D13). */
    static final String LIST = "card_list";

    private BranchNumberMessages() {
    }

    /**
     * {@code ret_code}, {@code ret_msg}, the bank searched and its branches. Each element's members are in the order
     * LianLian's SDK rebuilds them when it checks the signature ({@code prcptcd}, {@code brabank_name}; D13), so
     * the text it signs over is the text sent.
     */
    static LinkedHashMap<String, String> reply(BranchMatches matches) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put("ret_code", RetCode.SUCCESS.code());
        reply.put("ret_msg", RetCode.SUCCESS.message());
        reply.put("bank_code", matches.bankCode());
        reply.put(LIST, FlatJson.writeArray(matches.branches().stream().map(BranchNumberMessages::element).toList()));
        return reply;
    }

    private static LinkedHashMap<String, String> element(Branch branch) {
        LinkedHashMap<String, String> element = new LinkedHashMap<>();
        element.put("prcptcd", branch.prcptcd());
        element.put("brabank_name", branch.brabankName());
        return element;
    }
}
