package io.llgate.client;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The support bank query, spec 14 §3a: which banks a collection product accepts on a channel, with their limits.
 * Its answer is the one LianLian does not sign (D11); a signed one (the gateway's per-merchant list signing) is
 * verified.
 */
public final class SupportBanks {
    static final String QUERY = "/supportbankquery.htm";
    private static final String LIST = "support_banklist";

    private final LlGateClient client;

    SupportBanks(LlGateClient client) {
        this.client = client;
    }

    /**
     * The banks accepted, by {@code bank_code}, possibly none; with a bank named, that bank, or {@code 1805} (a bank
     * the product does not accept) as a {@link LlGateReturnCodeException}.
     */
    public List<SupportBank> query(SupportBankQuery query) {
        Map<String, String> reply = client.callUnsignedReply(QUERY, query.fields(), LIST);
        String text = reply.get(LIST);
        List<SupportBank> banks = new ArrayList<>();
        try {
            for (Map<String, String> element : FlatJson.parseArray(text)) {
                banks.add(bank(element, text));
            }
        } catch (MalformedMessageException e) {
            throw new LlGateProtocolException(QUERY + " answered a support_banklist that is not a list: "
                    + e.getMessage(), String.valueOf(text));
        }
        return List.copyOf(banks);
    }

    private static SupportBank bank(Map<String, String> element, String text) {
        String type = member(element, "card_type", "[23]", text);
        return new SupportBank(member(element, "bank_code", "\\d{8}", text), member(element, "bank_name", ".+", text),
                CardType.of(type).orElseThrow(),
                new CardLimits(yuan(element, "single_amt", text), yuan(element, "day_amt", text),
                        yuan(element, "month_amt", text)),
                member(element, "bank_status", "[02]", text).equals("2"));
    }

    private static long yuan(Map<String, String> element, String name, String text) {
        return Long.parseLong(member(element, name, "\\d{1,8}", text));
    }

    private static String member(Map<String, String> element, String name, String regex, String text) {
        String value = element.get(name);
        if (value == null || !value.matches(regex)) {
            throw new LlGateProtocolException(QUERY + " answered a bank whose " + name + " is "
                    + (value == null ? "missing" : "undocumented: " + value), text);
        }
        return value;
    }
}
