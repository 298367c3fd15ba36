package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

/**
 * Credit cards' pre-authorizations, spec 20 §8 to §10: capture, cancel and status query of an amount an easypay
 * payment with {@code pay_type} {@code F} authorized.
 */
public final class PreAuthorizations {
    static final String CAPTURE = "/preauthComplete.htm";
    static final String CANCEL = "/preauthCancel.htm";
    static final String QUERY = "/preauthquery.htm";
    static final String PAY_TYPE = "F";

    private final LlGateClient client;

    PreAuthorizations(LlGateClient client) {
        this.client = client;
    }

    /**
     * Captures {@code money_order} of the authorization, once: the merchant is paid the captured amount. Refusals are
     * {@link LlGateReturnCodeException}s: {@code 7017} for nothing, more than authorized or a second capture,
     * {@code 2006} for a cancelled or expired authorization, {@code 8901} for none.
     */
    public PreAuthorization capture(PreAuthRequest request) {
        VerifiedMessage reply = Replies.success(CAPTURE, client.call(CAPTURE, Envelope.PLAIN, request.fields()));
        return authorization(CAPTURE, reply, request.noOrder(), PreAuthState.CAPTURED);
    }

    /**
     * Cancels the authorization; {@code money_order} must be the authorized amount. Refusals:
     * {@code 7017} another amount, {@code 2007} captured, {@code 2006} cancelled or expired, {@code 8901} none.
     */
    public PreAuthorization cancel(PreAuthRequest request) {
        VerifiedMessage reply = Replies.success(CANCEL, client.call(CANCEL, Envelope.PLAIN, request.fields()));
        return new PreAuthorization(required(CANCEL, reply, "no_order"), required(CANCEL, reply, "dt_order"),
                required(CANCEL, reply, "oid_paybill"), request.moneyOrderFen(), PreAuthState.CANCELLED,
                reply.field("settle_date"), checked(CANCEL, reply, request.noOrder()));
    }

    /**
     * The authorization's state. The gateway answers the state in {@code ret_code}; a code that is no state
     * ({@code 8901} none, {@code 9092} numbers that disagree, ...) is a {@link LlGateReturnCodeException}.
     */
    public PreAuthorization query(PreAuthQuery query) {
        VerifiedMessage reply = client.call(QUERY, Envelope.PLAIN, query.fields());
        PreAuthState state = PreAuthState.of(Replies.retCode(reply)).orElseThrow(() -> Replies.refusal(QUERY, reply));
        checkEcho(QUERY, reply, "oid_paybill", query.oidPaybill());
        return authorization(QUERY, reply, query.noOrder(), state);
    }

    private static PreAuthorization authorization(String path, VerifiedMessage reply, String noOrder,
                                                  PreAuthState state) {
        checked(path, reply, noOrder);
        return new PreAuthorization(required(path, reply, "no_order"), required(path, reply, "dt_order"),
                required(path, reply, "oid_paybill"), Replies.fen(path, reply, "money_order"), state,
                reply.field("settle_date"), reply);
    }

    private static VerifiedMessage checked(String path, VerifiedMessage reply, String noOrder) {
        checkEcho(path, reply, "no_order", noOrder);
        return reply;
    }
}
