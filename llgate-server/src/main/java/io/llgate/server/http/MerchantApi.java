package io.llgate.server.http;

import io.llgate.protocol.SignSource;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.PayLoadException;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.GatewayMode;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.MerchantStatus;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.Product;
import io.llgate.server.security.GatewayKeys;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline every merchant API call goes through: read and parse the body, identify the merchant,
 * check its source address, open the pay_load, verify the signature, check product access, run the
 * action, and answer signed JSON. Every refusal is a return code; nothing is written before the action.
 */
public final class MerchantApi {
    private static final Logger log = LoggerFactory.getLogger(MerchantApi.class);
    /** Shown to developers in sandbox mode beside a 1001, so a signature mismatch explains itself. */
    public static final String SIGN_SOURCE_HINT = "llgate_sign_source";

    private final Merchants merchants;
    private final GatewayKeys keys;
    private final GatewayMode mode;
    private final int maxBodyBytes;

    public MerchantApi(Merchants merchants, GatewayKeys keys, GatewayMode mode, int maxBodyBytes) {
        this.merchants = merchants;
        this.keys = keys;
        this.mode = mode;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** An endpoint taking plain signed JSON. */
    public Handler plain(Product product, ApiAction action) {
        return ctx -> handle(ctx, product, false, action);
    }

    /** An endpoint taking {@code {"oid_partner","pay_load"}} whose inner JSON is the signed request. */
    public Handler sealed(Product product, ApiAction action) {
        return ctx -> handle(ctx, product, true, action);
    }

    private void handle(Context ctx, Product product, boolean sealed, ApiAction action) {
        Merchant merchant = null;
        SignType signType = SignType.RSA;
        Map<String, String> fields = Map.of();
        try {
            Map<String, String> outer = parse(RequestBody.read(ctx, maxBodyBytes));
            String oidPartner = MessageSignature.field(outer, "oid_partner")
                    .filter(v -> !v.isEmpty())
                    .orElseThrow(() -> ApiException.badField("oid_partner"));
            merchant = merchants.find(oidPartner).orElseThrow(() -> ApiException.of(RetCode.ILLEGAL_MERCHANT));
            if (!merchant.ipAllowList().allows(ctx.ip())) {
                throw ApiException.of(RetCode.IP_NOT_ALLOWED);
            }
            if (merchant.status() == MerchantStatus.SUSPENDED) {
                throw ApiException.of(RetCode.of("1009").orElseThrow());
            }
            fields = sealed ? open(outer) : outer;
            signType = signTypeOf(fields);
            verify(merchant, signType, fields);
            if (product != null && !merchant.has(product)) {
                throw ApiException.of(deniedCode(product));
            }
            LinkedHashMap<String, String> reply = action.handle(new ApiRequest(merchant, fields, signType));
            write(ctx, merchant, signType, reply);
        } catch (ApiException e) {
            log.info("{} refused for {}: {} {}", ctx.path(), merchant == null ? "unknown merchant" : merchant.oidPartner(),
                    e.code().code(), e.retMsg());
            LinkedHashMap<String, String> reply = Replies.start(e.code().code(), e.retMsg(),
                    merchant == null ? null : merchant.oidPartner());
            echoOrderNumber(fields, reply);
            e.details().forEach((name, value) -> {
                if (!name.equals(SIGN_SOURCE_HINT) || mode.isSandbox()) {
                    reply.put(name, value);
                }
            });
            write(ctx, merchant, signType, reply);
        } catch (RuntimeException e) {
            log.error("{} failed for {}", ctx.path(), merchant == null ? "unknown merchant" : merchant.oidPartner(), e);
            write(ctx, merchant, signType,
                    Replies.start(RetCode.SYSTEM_ERROR.code(), RetCode.SYSTEM_ERROR.message(),
                            merchant == null ? null : merchant.oidPartner()));
        }
    }

    private Map<String, String> open(Map<String, String> outer) {
        String payLoad = MessageSignature.field(outer, "pay_load")
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.of(RetCode.ILLEGAL_MESSAGE));
        String inner;
        try {
            inner = PayLoad.open(keys.privateKey(), payLoad);
        } catch (PayLoadException e) {
            log.info("pay_load refused: {}", e.getMessage());
            throw ApiException.of(RetCode.DECRYPT_ERROR);
        }
        Map<String, String> fields = parse(inner.getBytes(StandardCharsets.UTF_8));
        String outerPartner = MessageSignature.field(outer, "oid_partner").orElseThrow();
        if (!MessageSignature.field(fields, "oid_partner").orElse("").equals(outerPartner)) {
            throw ApiException.badField("oid_partner");
        }
        return fields;
    }

    private static SignType signTypeOf(Map<String, String> fields) {
        String text = MessageSignature.field(fields, "sign_type")
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.badField("sign_type"));
        return SignType.parse(text).orElseThrow(() -> ApiException.badField("sign_type"));
    }

    private void verify(Merchant merchant, SignType signType, Map<String, String> fields) {
        boolean signed = MessageSignature.field(fields, "sign").filter(v -> !v.isBlank()).isPresent();
        MessageSignature.Verification verification = signed
                ? MessageSignature.verify(merchant.publicKey(), signType, fields)
                : null;
        if (verification == null || !verification.valid()) {
            ApiException refusal = ApiException.of(RetCode.SIGN_ERROR);
            if (mode.isSandbox()) {
                String source = verification != null ? verification.signSource() : SignSource.of(fields);
                refusal = refusal.with(SIGN_SOURCE_HINT, source);
            }
            throw refusal;
        }
    }

    private static RetCode deniedCode(Product product) {
        return switch (product) {
            case INSTANT_PAYMENT -> RetCode.NO_INSTANT_PAY_PERMISSION;
            default -> RetCode.of("3010").orElseThrow();
        };
    }

    private static Map<String, String> parse(byte[] body) {
        try {
            return FlatJson.parse(body);
        } catch (MalformedMessageException e) {
            throw ApiException.of(e.empty() ? RetCode.ILLEGAL_MESSAGE : RetCode.UNPARSABLE);
        }
    }

    private static void echoOrderNumber(Map<String, String> fields, Map<String, String> reply) {
        Optional<String> noOrder = MessageSignature.field(fields, "no_order");
        noOrder.filter(v -> !v.isEmpty() && v.length() <= 32).ifPresent(v -> reply.putIfAbsent("no_order", v));
    }

    private void write(Context ctx, Merchant merchant, SignType signType, LinkedHashMap<String, String> reply) {
        Map<String, String> wire = merchant == null
                ? reply
                : MessageSignature.sign(keys.privateKey(), signType, reply);
        ctx.status(200)
                .contentType("application/json;charset=UTF-8")
                .result(FlatJson.write(wire).getBytes(StandardCharsets.UTF_8));
    }
}
