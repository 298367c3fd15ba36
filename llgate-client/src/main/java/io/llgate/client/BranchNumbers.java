package io.llgate.client;

import static io.llgate.client.Replies.required;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The branch number query, spec 14 §3b: the large-value (CNAPS) numbers of a bank's branches in a province or city,
 * found by part of their name; what a payout to a business account takes as {@code prcptcd}.
 */
public final class BranchNumbers {
    static final String QUERY = "/prcptcdquery.htm";

    private final LlGateClient client;

    BranchNumbers(LlGateClient client) {
        this.client = client;
    }

    /**
     * The matching branches; nothing matching ({@code 5501}) and a card of an unknown BIN ({@code 5001}) are a
     * {@link LlGateReturnCodeException}.
     */
    public BranchNumberAnswer query(BranchNumberQuery query) {
        VerifiedMessage reply = Replies.success(QUERY, client.callWithList(QUERY, query.fields(), "card_list"));
        String bankCode = required(QUERY, reply, "bank_code");
        if (query.bankCode() != null && !bankCode.equals(query.bankCode())) {
            throw new LlGateProtocolException(QUERY + " answered about bank " + bankCode + " instead of "
                    + query.bankCode(), reply.text());
        }
        List<BankBranch> branches = new ArrayList<>();
        try {
            for (Map<String, String> element : FlatJson.parseArray(required(QUERY, reply, "card_list"))) {
                String prcptcd = element.get("prcptcd");
                String name = element.get("brabank_name");
                if (prcptcd == null || !prcptcd.matches("\\d{12}") || name == null || name.isEmpty()) {
                    throw new LlGateProtocolException(QUERY + " answered a branch without a 12-digit prcptcd or a "
                            + "name: " + element, reply.text());
                }
                branches.add(new BankBranch(prcptcd, name));
            }
        } catch (MalformedMessageException e) {
            throw new LlGateProtocolException(QUERY + " answered a card_list that is not a list: " + e.getMessage(),
                    reply.text());
        }
        if (branches.isEmpty()) {
            throw new LlGateProtocolException(QUERY + " answered 0000 with no branch", reply.text());
        }
        return new BranchNumberAnswer(bankCode, branches, reply);
    }
}
