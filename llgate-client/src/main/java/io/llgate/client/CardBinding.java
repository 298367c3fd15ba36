package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Card binding, spec 22: bind a payer's card with an SMS code (apply, then verify), list the payer's bindings, and
 * unbind one. Refusals are {@link LlGateReturnCodeException}s: {@code 1900}/{@code 1901} a wrong or expired code,
 * {@code 1000} an unknown token, {@code 9913} a card already bound, {@code 7018} a card of another person,
 * {@code 3003}/{@code 3011} a binding the payer does not have.
 */
public final class CardBinding {
    static final String APPLY = "/bankcardbind.htm";
    static final String VERIFY = "/bankcardbindverfy.htm";
    static final String UNBIND = "/bankcardunbind.htm";
    static final String LIST = "/bankcardbindlist.htm";
    /** C5: the docs' table spells it {@code aggrement_list}; the gateway answers {@code agreement_list}. */
    private static final List<String> LIST_NAMES = List.of("agreement_list", "aggrement_list");
    /** The list's answer when the payer has no binding that matches. */
    private static final String NO_RECORD = "8901";

    private final LlGateClient client;

    CardBinding(LlGateClient client) {
        this.client = client;
    }

    /** Checks the card and its holder and texts a code to {@code bind_mob}; verify it with the token answered. */
    public BindToken apply(CardBindRequest request) {
        VerifiedMessage reply = Replies.success(APPLY, client.call(APPLY, Envelope.PLAIN, request.fields()));
        checkEcho(APPLY, reply, "user_id", request.userId());
        return new BindToken(required(APPLY, reply, "user_id"), required(APPLY, reply, "token"), reply);
    }

    /**
     * Binds the card with the code the holder received. Verifying the same token again after it bound the card
     * answers {@code 1000}: one apply makes at most one binding.
     */
    public BoundCard verify(String userId, String token, String verifyCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", Check.text("user_id", userId, 32));
        fields.put("token", Check.text("token", token, 64));
        fields.put("verify_code", Check.text("verify_code", verifyCode, 16));
        VerifiedMessage reply = Replies.success(VERIFY, client.call(VERIFY, Envelope.PLAIN, fields));
        checkEcho(VERIFY, reply, "user_id", userId);
        return new BoundCard(required(VERIFY, reply, "user_id"), required(VERIFY, reply, "card_no"),
                required(VERIFY, reply, "no_agree"), reply.field("no_order"), reply);
    }

    /** Every binding of the payer, newest first; none (the gateway's {@code 8901}) is an empty list. */
    public Bindings list(String userId) {
        return list(BindingQuery.of(userId));
    }

    /** The payer's bindings that match the query, newest first; none (the gateway's {@code 8901}) is an empty list. */
    public Bindings list(BindingQuery query) {
        VerifiedMessage answer = client.call(LIST, Envelope.PLAIN, query.fields(), Set.copyOf(LIST_NAMES));
        if (Replies.retCode(answer).equals(NO_RECORD)) {
            return new Bindings(query.userId(), 0, List.of(), answer);
        }
        VerifiedMessage reply = Replies.success(LIST, answer);
        checkEcho(LIST, reply, "user_id", query.userId());
        String count = required(LIST, reply, "count");
        if (!count.matches("\\d{1,8}")) {
            throw new LlGateProtocolException(LIST + " answered a count that is not a number: " + count, reply.text());
        }
        return new Bindings(required(LIST, reply, "user_id"), Integer.parseInt(count), bindings(reply), reply);
    }

    /** Removes the payer's binding, whatever its product. */
    public void unbind(String userId, String noAgree) {
        unbind(Unbinding.of(userId, noAgree));
    }

    /** Removes the payer's binding; {@code 3011} when the payer has no such binding (of that product family). */
    public void unbind(Unbinding unbinding) {
        Replies.success(UNBIND, client.call(UNBIND, Envelope.PLAIN, unbinding.fields()));
    }

    private static String member(Map<String, String> element, String name, VerifiedMessage reply) {
        String value = element.get(name);
        if (value == null || value.isEmpty()) {
            throw new LlGateProtocolException(LIST + " answered a binding without " + name, reply.text());
        }
        return value;
    }

    private static List<Binding> bindings(VerifiedMessage reply) {
        Optional<String> text = LIST_NAMES.stream().map(reply::field).flatMap(Optional::stream).findFirst();
        if (text.isEmpty()) {
            return List.of();
        }
        List<LinkedHashMap<String, String>> elements;
        try {
            elements = FlatJson.parseArray(text.get());
        } catch (MalformedMessageException e) {
            throw new LlGateProtocolException(LIST + " answered a list that is not an array of bindings: "
                    + e.getMessage(), reply.text());
        }
        List<Binding> bindings = new ArrayList<>();
        for (Map<String, String> element : elements) {
            String type = member(element, "card_type", reply);
            CardType cardType = CardType.of(type).orElseThrow(() -> new LlGateProtocolException(
                    LIST + " answered an undocumented card_type " + type, reply.text()));
            bindings.add(new Binding(member(element, "no_agree", reply), member(element, "card_no", reply),
                    member(element, "bank_code", reply), member(element, "bank_name", reply), cardType,
                    member(element, "bind_mobile", reply)));
        }
        return bindings;
    }
}
