package io.llgate.client;

import io.llgate.protocol.WireTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exchange payment (spec 23): a payer with a mainland card pays in yuan for an order priced in the merchant's
 * currency. Apply with the card (or its binding), then verify the SMS code the payer received; the result query reads
 * any state. Refusals are {@link LlGateReturnCodeException}s with the gateway's code ({@code 1900} wrong code,
 * {@code 8006} no rate for the currency, {@code 6001} insufficient funds, ...).
 */
public final class Exchange {
    static final String APPLY = "/exchange/v1/bankcardpayapply";
    static final String VERIFY = "/exchange/v1/bankcardpayverify";
    static final String QUERY = "/exchangeorderquery.htm";

    private final LlGateClient client;

    Exchange(LlGateClient client) {
        this.client = client;
    }

    /** Applies: the gateway prices the order, checks the card, creates the order and texts the payer a code. */
    public ExchangeApplied apply(ExchangeRequest request) {
        if (request.card() != null && request.card().expiredAt(client.clock())) {
            throw new InvalidFieldException("vali_date", "has passed");
        }
        VerifiedMessage reply = Replies.success(APPLY, client.call(APPLY, Envelope.PLAIN, timed(request.fields())));
        Replies.checkEcho(APPLY, reply, "no_order", request.noOrder());
        Optional<ResultPay> resultPay = reply.field("result_pay").map(text -> ResultPay.of(text).orElseThrow(() ->
                new LlGateProtocolException(APPLY + " answered an undocumented result_pay " + text, reply.text())));
        if (resultPay.isEmpty() && reply.field("token").isEmpty()) {
            throw new LlGateProtocolException(APPLY + " answered neither a token nor a result_pay", reply.text());
        }
        return new ExchangeApplied(Replies.required(APPLY, reply, "no_order"), Replies.required(APPLY, reply, "dt_order"),
                Replies.required(APPLY, reply, "oid_paybill"), amounts(APPLY, reply), reply.field("token"), resultPay,
                reply.field("settle_date"), reply.field("no_agree"), reply);
    }

    /** Verifies the payer's code: the card is charged the yuan amount. */
    public ExchangePayment verify(ExchangeVerification verification) {
        VerifiedMessage reply = Replies.success(VERIFY, client.call(VERIFY, Envelope.PLAIN, timed(verification.fields())));
        Replies.checkEcho(VERIFY, reply, "no_order", verification.noOrder());
        return payment(VERIFY, reply);
    }

    /** The payment's state; {@code 8901} (no such order) is a {@link LlGateReturnCodeException}. */
    public ExchangePayment query(String noOrder) {
        return query(noOrder, null);
    }

    /** The payment's state by its {@code no_order} and, when not null, its {@code oid_paybill}. */
    public ExchangePayment query(String noOrder, String oidPaybill) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_order", Check.text("no_order", noOrder, 32));
        f.put("oid_paybill", oidPaybill);
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, f));
        Replies.checkEcho(QUERY, reply, "no_order", noOrder);
        Replies.checkEcho(QUERY, reply, "oid_paybill", oidPaybill);
        return payment(QUERY, reply);
    }

    private static ExchangePayment payment(String path, VerifiedMessage reply) {
        return new ExchangePayment(Replies.required(path, reply, "no_order"), Replies.required(path, reply, "dt_order"),
                Replies.required(path, reply, "oid_paybill"), Replies.resultPay(path, reply), amounts(path, reply),
                reply.field("settle_date"), reply.field("pay_type"), reply.field("no_agree"), reply.field("memo"),
                reply);
    }

    private static ExchangeAmounts amounts(String path, VerifiedMessage reply) {
        return ExchangeAmounts.read(reply::field, name -> new LlGateProtocolException(
                path + " answered no valid " + name, reply.text()));
    }

    /** The request with its {@code time_stamp}, which must be within 30 minutes of the gateway's clock. */
    private Map<String, String> timed(Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("time_stamp", WireTime.dateTime(client.clock().instant()));
        f.putAll(fields);
        return f;
    }
}
