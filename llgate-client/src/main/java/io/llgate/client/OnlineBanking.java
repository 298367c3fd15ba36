package io.llgate.client;

import static io.llgate.client.Replies.checkEcho;
import static io.llgate.client.Replies.required;

import io.llgate.protocol.WireTime;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Online banking, spec 11: the signed form the payer's browser posts to the gateway, and the result query.
 * The result itself arrives by notification ({@link io.llgate.client.notify.NotificationHandler}) and, as a
 * hint, with the payer's browser at {@code url_return}
 * ({@link io.llgate.client.notify.NotificationVerifier#verifyReturnForm(String, java.nio.charset.Charset)}).
 */
public final class OnlineBanking {
    static final String BANK_GATEWAY = "/payment/bankgateway.htm";
    static final String QUERY = "/llwalletapi/orderquery.htm";
    /** Fields of a 1.1 reply that follow {@code sign} and are not covered by it. */
    static final Set<String> UNSIGNED_REPLY_FIELDS = Set.of("memo", "bank_name");

    private final LlGateClient client;

    OnlineBanking(LlGateClient client) {
        this.client = client;
    }

    /**
     * The signed form for the payer's browser. Nothing is sent: the browser posts it, and the gateway checks
     * {@code timestamp} against its clock then, so serve it at once. Without a {@code timestamp} in the request the
     * form is stamped with the client's clock now.
     */
    public OnlineBankingForm form(OnlineBankingRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        request.fields(client.oidPartner(), WireTime.dateTime(client.clock().instant())).forEach((name, value) ->
                fields.put(name, value == null ? null : browserLineBreaks(value)));
        return new OnlineBankingForm(URI.create(client.baseUri() + BANK_GATEWAY), request.charsetName(),
                client.sign(fields));
    }

    /**
     * The order's state; {@code 8901} (no such order) is a {@link LlGateReturnCodeException}. With query version 1.1
     * the reply's {@code memo} and {@code bank_name} are outside the signature, as LianLian documents them.
     */
    public OnlineBankingPayment query(OnlineBankingQuery query) {
        boolean withMemo = query.queryVersion().equals("1.1");
        VerifiedMessage reply = Replies.success(QUERY, client.call(QUERY, Envelope.PLAIN, query.fields(),
                withMemo ? UNSIGNED_REPLY_FIELDS : Set.of()));
        checkEcho(QUERY, reply, "no_order", query.noOrder());
        checkEcho(QUERY, reply, "oid_paybill", query.oidPaybill());
        return new OnlineBankingPayment(required(QUERY, reply, "no_order"), required(QUERY, reply, "dt_order"),
                required(QUERY, reply, "oid_paybill"), Replies.fen(QUERY, reply, "money_order"),
                Replies.resultPay(QUERY, reply), reply.field("settle_date"), reply.field("info_order"),
                reply.field("pay_type"), reply.field("bank_code"),
                withMemo ? reply.field("memo") : Optional.empty(),
                withMemo ? reply.field("bank_name") : Optional.empty(), reply);
    }

    /**
     * A browser posts every line break in a form value as CR LF (HTML's form submission), so the form is signed
     * with its values written that way.
     */
    private static String browserLineBreaks(String value) {
        return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 ? value : value.replaceAll("\r\n|\r|\n", "\r\n");
    }
}
