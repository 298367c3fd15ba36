package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.PayLoadException;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.security.FailureThrottle;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.security.RefusalThrottle;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline every merchant API call goes through: read and parse the body, identify the merchant,
 * check its source address, open the pay_load, verify the signature, check product access, run the
 * action, and answer signed JSON. Every refusal is a return code; nothing is written before the action.
 * Requests refused before they authenticate are counted by the {@link RefusalThrottle}; while it holds a
 * merchant or a source back, their requests are answered {@code 1007} at once, unsigned, with no RSA work.
 */
public final class MerchantApi {
    private static final Logger log = LoggerFactory.getLogger(MerchantApi.class);

    private final MerchantChecks checks;
    private final GatewayKeys keys;
    private final int maxBodyBytes;
    private final RefusalThrottle throttle;

    public MerchantApi(MerchantChecks checks, GatewayKeys keys, int maxBodyBytes, RefusalThrottle throttle) {
        this.checks = checks;
        this.keys = keys;
        this.maxBodyBytes = maxBodyBytes;
        this.throttle = throttle;
    }

    /** An endpoint taking plain signed JSON. */
    public Handler plain(ProductIdentity product, ApiAction action) {
        return plain(product, ReplyFormat.SIGNED, action);
    }

    /** An endpoint taking plain signed JSON whose reply fields named in {@code unsignedReplyFields} are not signed. */
    public Handler plain(ProductIdentity product, Set<String> unsignedReplyFields, ApiAction action) {
        return plain(product, ReplyFormat.signedExcept(unsignedReplyFields), action);
    }

    /** An endpoint taking plain signed JSON whose successful answers are written in {@code format}. */
    public Handler plain(ProductIdentity product, ReplyFormat format, ApiAction action) {
        return plain(product, merchant -> format, action);
    }

    /** An endpoint taking plain signed JSON whose successful answers are written in the merchant's format. */
    public Handler plain(ProductIdentity product, Function<Merchant, ReplyFormat> format, ApiAction action) {
        return ctx -> handle(ctx, product, Envelope.PLAIN, format, action);
    }

    /** An endpoint taking {@code {"oid_partner","pay_load"}} whose inner JSON is the signed request. */
    public Handler sealed(ProductIdentity product, ApiAction action) {
        return ctx -> handle(ctx, product, Envelope.SEALED, merchant -> ReplyFormat.SIGNED, action);
    }

    /**
     * An endpoint taking either form (21 M3, 00 A16): the {@code {"oid_partner","pay_load"}} envelope when the body has
     * a {@code pay_load} member, else plain signed JSON.
     */
    public Handler sealedOrPlain(ProductIdentity product, ApiAction action) {
        return ctx -> handle(ctx, product, Envelope.EITHER, request -> {
            LinkedHashMap<String, String> reply = action.handle(request);
            return (c, merchant, signType) -> write(c, merchant, signType, reply, ReplyFormat.SIGNED);
        });
    }

    /** An endpoint taking plain signed JSON whose action also says how its reply is written (which fields stay unsigned). */
    public Handler plainFormatted(ProductIdentity product, FormattedAction action) {
        return ctx -> handle(ctx, product, Envelope.PLAIN, request -> {
            FormattedReply reply = action.handle(request);
            return (c, merchant, signType) -> write(c, reply.format().signed() ? merchant : null, signType,
                    reply.fields(), reply.format());
        });
    }

    /** What an endpoint of {@link #plainFormatted} does with a verified request: the reply and its format. */
    @FunctionalInterface
    public interface FormattedAction {
        FormattedReply handle(ApiRequest request);
    }

    /** A reply's fields, unsigned and in wire order, and how they are written. */
    public record FormattedReply(LinkedHashMap<String, String> fields, ReplyFormat format) {
    }

    /** Whether a request comes inside the {@code pay_load} envelope. */
    private enum Envelope { PLAIN, SEALED, EITHER }

    /**
     * An endpoint taking plain signed JSON that answers a file's exact bytes on success; every refusal is the
     * signed JSON return code, as elsewhere.
     */
    public Handler file(ProductIdentity product, FileAction action) {
        return ctx -> handle(ctx, product, Envelope.PLAIN, request -> {
            FileReply file = action.handle(request);
            return (c, merchant, signType) -> file.writeTo(c);
        });
    }

    private void handle(Context ctx, ProductIdentity product, Envelope envelope, Function<Merchant, ReplyFormat> formats,
                        ApiAction action) {
        handle(ctx, product, envelope, request -> {
            LinkedHashMap<String, String> reply = action.handle(request);
            ReplyFormat format = formats.apply(request.merchant());
            return (c, merchant, signType) -> write(c, format.signed() ? merchant : null, signType, reply, format);
        });
    }

    /** How a verified request is answered once its action ran. */
    @FunctionalInterface
    private interface Answer {
        void write(Context ctx, Merchant merchant, SignType signType);
    }

    private void handle(Context ctx, ProductIdentity product, Envelope envelope, Function<ApiRequest, Answer> action) {
        Merchant merchant = null;
        SignType signType = SignType.RSA;
        Map<String, String> fields = Map.of();
        boolean authenticated = false;
        try {
            Map<String, String> outer = parse(RequestBody.read(ctx, maxBodyBytes));
            merchant = checks.identify(outer);
            Optional<Duration> throttled = throttle.throttled(merchant.oidPartner(), ctx.ip());
            if (throttled.isPresent()) {
                answerThrottled(ctx, merchant, throttled.get());
                return;
            }
            checks.admit(merchant, Optional.of(ctx.ip()));
            boolean sealed = switch (envelope) {
                case PLAIN -> false;
                case SEALED -> true;
                case EITHER -> MessageSignature.field(outer, "pay_load").isPresent();
            };
            fields = sealed ? open(outer) : outer;
            signType = MerchantChecks.signTypeOrRsa(fields);
            ApiRequest request = checks.verify(merchant, fields, null);
            authenticated = true;
            throttle.authenticated(merchant.oidPartner(), ctx.ip());
            checks.requireProduct(merchant, product);
            action.apply(request).write(ctx, merchant, signType);
        } catch (Refusal e) {
            if (merchant != null && !authenticated && throttle.refused(merchant.oidPartner(), ctx.ip())) {
                log.info("{} refused too often for {} or from {}: answering 1007 without opening or signing for a while",
                        ctx.path(), merchant.oidPartner(), ctx.ip());
            }
            log.info("{} refused for {}: {} {}", ctx.path(), merchant == null ? "unknown merchant" : merchant.oidPartner(),
                    e.code().code(), e.retMsg());
            LinkedHashMap<String, String> reply = Replies.start(e.code().code(), e.retMsg(),
                    merchant == null ? null : merchant.oidPartner());
            echoOrderNumber(fields, reply);
            reply.putAll(e.details());
            write(ctx, merchant, signType, reply, ReplyFormat.SIGNED);
        } catch (RuntimeException e) {
            log.error("{} failed for {}", ctx.path(), merchant == null ? "unknown merchant" : merchant.oidPartner(), e);
            write(ctx, merchant, signType,
                    Replies.start(RetCode.SYSTEM_ERROR.code(), RetCode.SYSTEM_ERROR.message(),
                            merchant == null ? null : merchant.oidPartner()), ReplyFormat.SIGNED);
        }
    }

    /** The answer while the throttle holds a merchant or a source back: no pay_load opened, no signature made. */
    private static void answerThrottled(Context ctx, Merchant merchant, Duration retryAfter) {
        log.debug("{} throttled for {} from {}", ctx.path(), merchant.oidPartner(), ctx.ip());
        LinkedHashMap<String, String> reply = Replies.start(RetCode.NETWORK_BUSY.code(), RetCode.NETWORK_BUSY.message(),
                merchant.oidPartner());
        ctx.status(200)
                .header("Retry-After", String.valueOf(FailureThrottle.retryAfterSeconds(retryAfter)))
                .contentType("application/json;charset=UTF-8")
                .result(FlatJson.write(reply).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> open(Map<String, String> outer) {
        String payLoad = MessageSignature.field(outer, "pay_load")
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> Refusal.of(RetCode.ILLEGAL_MESSAGE));
        String inner;
        try {
            inner = PayLoad.open(keys.privateKey(), payLoad);
        } catch (PayLoadException e) {
            log.info("pay_load refused: {}", e.getMessage());
            throw Refusal.of(RetCode.DECRYPT_ERROR);
        }
        Map<String, String> fields = parse(inner.getBytes(StandardCharsets.UTF_8));
        String outerPartner = MessageSignature.field(outer, "oid_partner").orElseThrow();
        if (!MessageSignature.field(fields, "oid_partner").orElse("").equals(outerPartner)) {
            throw Refusal.badField("oid_partner");
        }
        return fields;
    }

    private static Map<String, String> parse(byte[] body) {
        try {
            return FlatJson.parse(body);
        } catch (MalformedMessageException e) {
            throw Refusal.of(e.empty() ? RetCode.ILLEGAL_MESSAGE : RetCode.UNPARSABLE);
        }
    }

    private static void echoOrderNumber(Map<String, String> fields, Map<String, String> reply) {
        Optional<String> noOrder = MessageSignature.field(fields, "no_order");
        noOrder.filter(v -> !v.isEmpty() && v.length() <= 32).ifPresent(v -> reply.putIfAbsent("no_order", v));
    }

    /** Writes the reply, signed for {@code merchant} unless it is null (a merchant not identified, or no signature). */
    private void write(Context ctx, Merchant merchant, SignType signType, LinkedHashMap<String, String> reply,
                       ReplyFormat format) {
        Map<String, String> wire = merchant == null
                ? reply
                : MessageSignature.sign(keys.privateKey(), signType, reply, format.unsignedFields());
        ctx.status(200)
                .contentType("application/json;charset=UTF-8")
                .result(FlatJson.write(wire, format.jsonFields()).getBytes(StandardCharsets.UTF_8));
    }
}
