package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import java.util.Optional;
import java.util.Set;

/**
 * Easy payment's direct API (spec 20 §1c): apply with the payer's card (or its binding), then verify the SMS code
 * the payer received; and the payment result query. Refusals are {@link LlGateReturnCodeException}s with the
 * gateway's code ({@code 1900} wrong code, {@code 6001} insufficient funds, ...).
 */
public final class Easypay {
    static final String APPLY = "/easypay.htm";
    static final String VERIFY = "/easypayverify.htm";
    static final String QUERY = "/orderquery.htm";
    private static final String SMS_SENT_AGAIN = "8888";

    private final LlGateClient client;

    Easypay(LlGateClient client) {
        this.client = client;
    }

    /** Applies: the gateway checks the card, creates the order and texts the payer a code. */
    public EasypayApplied apply(EasypayRequest request) {
        if (request.card() != null && request.card().expiredAt(client.clock())) {
            throw new InvalidFieldException("vali_date", "has passed");
        }
        VerifiedMessage reply = client.call(APPLY, Envelope.PLAIN, request.fields());
        boolean resent = Replies.retCode(reply).equals(SMS_SENT_AGAIN);
        if (!resent) {
            Replies.success(APPLY, reply);
        }
        checkEcho(APPLY, reply, "no_order", request.noOrder());
        Optional<ResultPay> resultPay = reply.field("result_pay").map(text -> ResultPay.of(text).orElseThrow(() ->
                new LlGateProtocolException(APPLY + " answered an undocumented result_pay " + text, reply.text())));
        if (resultPay.isEmpty() && reply.field("token").isEmpty()) {
            throw new LlGateProtocolException(APPLY + " answered neither a token nor a result_pay", reply.text());
        }
        return new EasypayApplied(required(APPLY, reply, "no_order"), required(APPLY, reply, "dt_order"),
                required(APPLY, reply, "oid_paybill"), Replies.fen(APPLY, reply, "money_order"), reply.field("token"),
                resultPay, resent, reply.field("settle_date"), reply.field("no_agree"), reply.field("bank_code"), reply);
    }

    /** Verifies the payer's code: the card is charged. */
    public EasypayResult verify(EasypayVerification verification) {
        VerifiedMessage reply = Replies.success(VERIFY, client.call(VERIFY, Envelope.PLAIN, verification.fields()));
        checkEcho(VERIFY, reply, "no_order", verification.noOrder());
        return new EasypayResult(required(VERIFY, reply, "no_order"), required(VERIFY, reply, "dt_order"),
                required(VERIFY, reply, "oid_paybill"), Replies.fen(VERIFY, reply, "money_order"),
                Replies.resultPay(VERIFY, reply), reply.field("settle_date"), reply.field("no_agree"),
                reply.field("pay_type"), reply.field("bank_code"), reply);
    }

    /** The payment's state; {@code 8901} (no such order) is a {@link LlGateReturnCodeException}. */
    public EasypayPayment query(OnlineBankingQuery query) {
        boolean withMemo = query.queryVersion().equals("1.1");
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, query.fields(),
                withMemo ? OnlineBanking.UNSIGNED_REPLY_FIELDS : Set.of()));
        checkEcho(QUERY, reply, "no_order", query.noOrder());
        checkEcho(QUERY, reply, "oid_paybill", query.oidPaybill());
        return new EasypayPayment(required(QUERY, reply, "no_order"), required(QUERY, reply, "dt_order"),
                required(QUERY, reply, "oid_paybill"), Replies.fen(QUERY, reply, "money_order"),
                Replies.resultPay(QUERY, reply), reply.field("settle_date"), reply.field("pay_type"),
                reply.field("bank_code"), reply.field("card_no"),
                withMemo ? reply.field("memo") : Optional.empty(),
                withMemo ? reply.field("bank_name") : Optional.empty(), reply);
    }
}
