package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MPAY, spec 21: LianLian's direct card payment over the {@code /v1/} API. Bind a card (apply inside {@code pay_load},
 * then verify the SMS code), pay (apply inside {@code pay_load} with the card or its {@code no_agree}, then verify the
 * code), and read the payment back. Refusals are {@link LlGateReturnCodeException}s with the gateway's code
 * ({@code 1900} wrong code, {@code 1901} expired code, {@code 1000} unknown token, {@code 5601} pay type for the other
 * kind of card, {@code 6001} insufficient funds, ...).
 */
public final class Mpay {
    static final String BIND_APPLY = "/v1/bankcardbind";
    static final String BIND_VERIFY = "/v1/bankcardbindverfy";
    static final String APPLY = "/v1/bankcardprepay";
    static final String VERIFY = "/v1/bankcardpay";
    static final String QUERY = "/orderquery.htm";
    /** M12: an MPAY order's masked card_no is not signed, nor are the query version 1.1 fields. */
    static final Set<String> UNSIGNED_QUERY_FIELDS = Set.of("card_no", "memo", "bank_name");
    private static final String SMS_SENT = "8888";

    private final LlGateClient client;

    Mpay(LlGateClient client) {
        this.client = client;
    }

    /** Checks the card and its holder and texts a code to {@code bind_mob} ({@code 8888}); verify it with the token. */
    public MpayBindToken bindApply(MpayBindRequest request) {
        VerifiedMessage reply = smsSent(BIND_APPLY, client.call(BIND_APPLY, Envelope.PAY_LOAD, request.fields()));
        checkEcho(BIND_APPLY, reply, "user_id", request.userId());
        return new MpayBindToken(required(BIND_APPLY, reply, "user_id"), required(BIND_APPLY, reply, "token"),
                reply.field("no_order"), reply.field("dt_order"), reply);
    }

    /** Binds the card with the code the holder received; {@code noOrder} is the apply's, or null. */
    public BoundCard bindVerify(MpayBindToken token, String verifyCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", token.userId());
        fields.put("token", token.token());
        fields.put("verify_code", Check.text("verify_code", verifyCode, 16));
        fields.put("no_order", token.noOrder().orElse(null));
        VerifiedMessage reply = Replies.success(BIND_VERIFY, client.call(BIND_VERIFY, Envelope.PLAIN, fields));
        checkEcho(BIND_VERIFY, reply, "user_id", token.userId());
        return new BoundCard(required(BIND_VERIFY, reply, "user_id"), required(BIND_VERIFY, reply, "card_no"),
                required(BIND_VERIFY, reply, "no_agree"), reply.field("no_order"), reply);
    }

    /** Applies: the gateway checks the card, creates the order and texts the payer a code (or charges at once). */
    public MpayApplied apply(MpayRequest request) {
        if (request.card() != null && request.card().expiredAt(client.clock())) {
            throw new InvalidFieldException("vali_date", "has passed");
        }
        VerifiedMessage reply = client.call(APPLY, Envelope.PAY_LOAD, request.fields());
        if (!Replies.retCode(reply).equals(SMS_SENT)) {
            Replies.success(APPLY, reply);
        }
        checkEcho(APPLY, reply, "no_order", request.noOrder());
        Optional<ResultPay> resultPay = reply.field("result_pay").map(text -> ResultPay.of(text).orElseThrow(() ->
                new LlGateProtocolException(APPLY + " answered an undocumented result_pay " + text, reply.text())));
        if (resultPay.isEmpty() && reply.field("token").isEmpty()) {
            throw new LlGateProtocolException(APPLY + " answered neither a token nor a result_pay", reply.text());
        }
        return new MpayApplied(required(APPLY, reply, "no_order"), required(APPLY, reply, "dt_order"),
                required(APPLY, reply, "oid_paybill"), Replies.fen(APPLY, reply, "money_order"), reply.field("token"),
                resultPay, reply.field("settle_date"), reply.field("no_agree"), reply);
    }

    /** Verifies the payer's code for the applied order: the card is charged. */
    public MpayResult verify(MpayApplied applied, String verifyCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("no_order", applied.noOrder());
        fields.put("money_order", io.llgate.protocol.Amounts.format(applied.moneyOrderFen()));
        fields.put("token", applied.token().orElseThrow(() ->
                new InvalidFieldException("token", "is absent: the payment was charged at apply")));
        fields.put("verify_code", Check.text("verify_code", verifyCode, 6));
        VerifiedMessage reply = Replies.success(VERIFY, client.call(VERIFY, Envelope.PLAIN, fields));
        checkEcho(VERIFY, reply, "no_order", applied.noOrder());
        return new MpayResult(required(VERIFY, reply, "no_order"), required(VERIFY, reply, "dt_order"),
                required(VERIFY, reply, "oid_paybill"), Replies.fen(VERIFY, reply, "money_order"),
                Replies.resultPay(VERIFY, reply), reply.field("settle_date"), reply.field("no_agree"), reply);
    }

    /**
     * The payment's state by the shared result query; its masked {@code card_no} is outside the signature (M12).
     * {@code 8901} (no such order) is a {@link LlGateReturnCodeException}.
     */
    public EasypayPayment query(OnlineBankingQuery query) {
        boolean withMemo = query.queryVersion().equals("1.1");
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, query.fields(),
                UNSIGNED_QUERY_FIELDS));
        checkEcho(QUERY, reply, "no_order", query.noOrder());
        checkEcho(QUERY, reply, "oid_paybill", query.oidPaybill());
        return new EasypayPayment(required(QUERY, reply, "no_order"), required(QUERY, reply, "dt_order"),
                required(QUERY, reply, "oid_paybill"), Replies.fen(QUERY, reply, "money_order"),
                Replies.resultPay(QUERY, reply), reply.field("settle_date"), reply.field("pay_type"),
                reply.field("bank_code"), reply.field("card_no"),
                withMemo ? reply.field("memo") : Optional.empty(),
                withMemo ? reply.field("bank_name") : Optional.empty(), reply);
    }

    private static VerifiedMessage smsSent(String path, VerifiedMessage reply) {
        if (!Replies.retCode(reply).equals(SMS_SENT)) {
            throw Replies.refusal(path, reply);
        }
        return reply;
    }
}
