package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import java.util.List;
import java.util.Optional;

/** The card BIN query, spec 14 §3: which bank issued a card, and whether it is a debit or a credit card. */
public final class CardBins {
    static final String QUERY = "/bankcardbin.htm";
    private static final List<String> LIMITS = List.of("single_amt", "day_amt", "month_amt");

    private final LlGateClient client;

    CardBins(LlGateClient client) {
        this.client = client;
    }

    /** The bank and kind of a card; {@code 5001} (a BIN the gateway does not know) is a {@link LlGateReturnCodeException}. */
    public CardBin query(String cardNo) {
        return query(CardBinQuery.of(cardNo));
    }

    /**
     * The bank and kind of a card, and the limits asked for when the gateway knows them; {@code 5001} (a BIN the
     * gateway does not know) is a {@link LlGateReturnCodeException}.
     */
    public CardBin query(CardBinQuery query) {
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, query.fields()));
        checkEcho(QUERY, reply, "card_no", query.lastFour());
        String type = required(QUERY, reply, "card_type");
        CardType cardType = CardType.of(type).orElseThrow(() -> new LlGateProtocolException(
                QUERY + " answered an undocumented card_type " + type, reply.text()));
        return new CardBin(required(QUERY, reply, "card_no"), required(QUERY, reply, "bank_code"),
                required(QUERY, reply, "bank_name"), cardType, limits(reply), reply);
    }

    /** The three limits together, or none: the gateway leaves them all out when it knows none. */
    private static Optional<CardLimits> limits(VerifiedMessage reply) {
        long present = LIMITS.stream().filter(name -> reply.field(name).isPresent()).count();
        if (present == 0) {
            return Optional.empty();
        }
        if (present < LIMITS.size()) {
            throw new LlGateProtocolException(QUERY + " answered only some of " + LIMITS, reply.text());
        }
        return Optional.of(new CardLimits(yuan(reply, "single_amt"), yuan(reply, "day_amt"), yuan(reply, "month_amt")));
    }

    private static long yuan(VerifiedMessage reply, String name) {
        String text = required(QUERY, reply, name);
        if (!text.matches("\\d{1,8}")) {
            throw new LlGateProtocolException(QUERY + " answered a " + name + " that is not whole yuan: " + text,
                    reply.text());
        }
        return Long.parseLong(text);
    }
}
