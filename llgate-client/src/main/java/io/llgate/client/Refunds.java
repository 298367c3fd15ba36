package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import java.util.LinkedHashMap;
import java.util.Map;

/** Refunds of successful payments, spec 12: apply and result query. */
public final class Refunds {
    static final String APPLY = "/exchangerefund.htm";
    static final String QUERY = "/refundquery.htm";

    private final LlGateClient client;

    Refunds(LlGateClient client) {
        this.client = client;
    }

    /**
     * Applies for a refund. Sending the same request again answers the same refund, so a call whose outcome
     * is unknown can simply be repeated. Refusals ({@code 5002} to {@code 5008}, {@code 1002} for a
     * {@code no_refund} used by another refund, ...) are {@link LlGateReturnCodeException}s.
     */
    public Refund apply(RefundRequest request) {
        return refund(APPLY, client.call(APPLY, Envelope.PLAIN, request.fields()), request.noRefund());
    }

    /** The refund's state by {@code no_refund} and {@code dt_refund}; {@code 8901} when there is none. */
    public Refund query(String noRefund, String dtRefund) {
        return query(RefundQuery.byNoRefund(noRefund, dtRefund));
    }

    /**
     * The refund's state by {@code no_refund}, {@code oid_refundno} or both; {@code 8901} when there is none or
     * the two numbers name different refunds.
     */
    public Refund query(RefundQuery query) {
        VerifiedMessage answer = client.call(QUERY, Envelope.PLAIN, query.fields());
        checkEcho(QUERY, answer, "oid_refundno", query.oidRefundno());
        return refund(QUERY, answer, query.noRefund());
    }

    private static Refund refund(String path, VerifiedMessage answer, String noRefund) {
        VerifiedMessage reply = Replies.success(path, answer);
        checkEcho(path, reply, "no_refund", noRefund);
        String sta = required(path, reply, "sta_refund");
        RefundState state = RefundState.of(sta).orElseThrow(() -> new LlGateProtocolException(
                path + " answered an undocumented sta_refund " + sta, reply.text()));
        return new Refund(required(path, reply, "no_refund"), required(path, reply, "dt_refund"),
                required(path, reply, "oid_refundno"), Replies.fen(path, reply, "money_refund"), state,
                reply.field("settle_date"), reply);
    }
}
