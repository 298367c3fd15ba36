package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

/** Instant payment (payouts to bank cards), spec 10: apply, confirm and result query. */
public final class InstantPayments {
    static final String APPLY = "/paymentapi/payment.htm";
    static final String CONFIRM = "/paymentapi/confirmPayment.htm";
    static final String QUERY = "/paymentapi/queryPayment.htm";

    private final LlGateClient client;

    InstantPayments(LlGateClient client) {
        this.client = client;
    }

    /**
     * Applies for a payout ({@code pay_load}). Answers {@link PayoutApplyResult.Accepted} on {@code 0000} or
     * {@link PayoutApplyResult.NeedsConfirmation} on {@code 4002}/{@code 4003}/{@code 4004}; any other code is a
     * {@link LlGateReturnCodeException}, whose {@link LlGateException#outcomeUnknown()} says when to query first.
     */
    public PayoutApplyResult apply(PayoutRequest request) {
        VerifiedMessage reply = client.call(APPLY, Envelope.PAY_LOAD, request.fields());
        checkEcho(APPLY, reply, "no_order", request.noOrder());
        String code = Replies.retCode(reply);
        for (PayoutApplyResult.Reason reason : PayoutApplyResult.Reason.values()) {
            if (reason.retCode().equals(code)) {
                return new PayoutApplyResult.NeedsConfirmation(request.noOrder(),
                        required(APPLY, reply, "confirm_code"), reason, reply);
            }
        }
        Replies.success(APPLY, reply);
        return new PayoutApplyResult.Accepted(request.noOrder(), required(APPLY, reply, "oid_paybill"), reply);
    }

    /**
     * Confirms a held payout ({@code pay_load}); on {@code 0000} it is with the bank. {@code 4001} (not held, or
     * closed), {@code 4011} (wrong code) and {@code 4008} (too many wrong codes) are {@link LlGateReturnCodeException}s.
     */
    public PayoutApplyResult.Accepted confirm(PayoutConfirmation confirmation) {
        VerifiedMessage reply = Replies.success(CONFIRM, client.call(CONFIRM, Envelope.PAY_LOAD, confirmation.fields()));
        checkEcho(CONFIRM, reply, "no_order", confirmation.noOrder());
        return new PayoutApplyResult.Accepted(confirmation.noOrder(), required(CONFIRM, reply, "oid_paybill"), reply);
    }

    /** The payout's state; {@code 8901} (no such payout) is a {@link LlGateReturnCodeException}. */
    public Payout query(PayoutQuery query) {
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, query.fields()));
        checkEcho(QUERY, reply, "no_order", query.noOrder());
        checkEcho(QUERY, reply, "oid_paybill", query.oidPaybill());
        return new Payout(required(QUERY, reply, "no_order"), required(QUERY, reply, "dt_order"),
                reply.field("oid_paybill"), Replies.fen(QUERY, reply, "money_order"),
                Replies.resultPay(QUERY, reply), reply.field("settle_date"), reply.field("info_order"), reply);
    }
}
