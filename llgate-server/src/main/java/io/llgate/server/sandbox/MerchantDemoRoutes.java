package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.http.ApiException;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.FormPost;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import io.llgate.server.onlinebanking.Banks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo merchant's web shop, served by the sandbox so a person can pay in a browser at once: a page to
 * make an order, the merchant's checkout page (signed server-side with the demo merchant's key and served
 * in the charset chosen, GBK included), and the merchant's two receivers: {@code url_return}, which shows the
 * posted form and whether it verifies with the gateway's key, and {@code notify_url}, which acknowledges.
 * Open to browsers without the admin token, like a shop; sandbox mode only.
 */
public final class MerchantDemoRoutes {
    public static final String PATH = "/sandbox/merchant-demo";
    private static final List<String> CHARSETS = List.of("UTF-8", "GBK", "GB2312", "GB18030");
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final Optional<Signer> demo;
    private final PublicKey gatewayKey;
    private final Pages pages;
    private final Clock clock;
    private final Banks banks;
    private final SecureRandom random = new SecureRandom();

    /** The demo merchant's id and private key. */
    private record Signer(String oidPartner, PrivateKey key) {
    }

    public MerchantDemoRoutes(Optional<DemoMerchant> demoMerchant, PublicKey gatewayKey, Pages pages, Clock clock,
                              Banks banks) {
        this.demo = demoMerchant.map(MerchantDemoRoutes::signer);
        this.gatewayKey = gatewayKey;
        this.pages = pages;
        this.clock = clock;
        this.banks = banks;
    }

    public void addTo(RoutesConfig routes) {
        routes.get(PATH, pages.guarded(this::shop));
        routes.post(PATH + "/checkout", pages.guarded(this::checkout));
        routes.post(PATH + "/return", pages.guarded(this::returned));
        routes.post(PATH + "/notify", this::notified);
    }

    private void shop(Context ctx) {
        String base = baseUrl(ctx);
        pages.render(ctx, 200, "sandbox/shop.jte", new DemoShopPage(demo.map(Signer::oidPartner).orElse(null),
                CHARSETS, banks.all(), base + PATH + "/notify", base + PATH + "/return"));
    }

    /** The merchant's checkout page: the signed bankgateway form, in the charset the shopper chose. */
    private void checkout(Context ctx) {
        Signer signer = demo.orElseThrow(() -> ApiException.of(RetCode.ILLEGAL_MERCHANT, "oid_partner"));
        Map<String, String> order = decode(ctx, StandardCharsets.UTF_8);
        String charset = CHARSETS.stream().filter(c -> c.equals(order.get("charset"))).findFirst().orElse("UTF-8");
        Instant now = clock.instant();
        String goods = order.getOrDefault("name_goods", "");
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("charset_name", charset);
        fields.put("oid_partner", signer.oidPartner());
        fields.put("user_id", "demo_user");
        fields.put("timestamp", WireTime.dateTime(now));
        fields.put("busi_partner", "109001");
        fields.put("no_order", "DEMO" + WireTime.dateTime(now) + String.format("%04d", random.nextInt(10_000)));
        fields.put("dt_order", WireTime.dateTime(now));
        fields.put("name_goods", goods);
        fields.put("info_order", order.get("info_order"));
        fields.put("money_order", order.get("money_order"));
        fields.put("notify_url", order.get("notify_url"));
        fields.put("url_return", returnUrl(order.get("url_return"), charset));
        fields.put("userreq_ip", ctx.ip().matches("\\d{1,3}(\\.\\d{1,3}){3}") ? ctx.ip().replace('.', '_') : null);
        fields.put("valid_order", order.get("valid_order"));
        fields.put("bank_code", order.get("bank_code"));
        fields.put("pay_type", order.get("pay_type"));
        LinkedHashMap<String, String> risk = new LinkedHashMap<>();
        risk.put("frms_ware_category", "4002");
        risk.put("user_info_mercht_userno", "demo_user");
        risk.put("user_info_bind_phone", "13800001111");
        risk.put("user_info_dt_register", "20240101000000");
        risk.put("goods_name", goods);
        fields.put("risk_item", FlatJson.write(risk));
        LinkedHashMap<String, String> signed = MessageSignature.sign(signer.key(), SignType.RSA, fields);
        // The page is in the merchant's charset and sets no accept-charset, so the browser encodes the form in it.
        pages.render(ctx, 200, "sandbox/checkout.jte", new DemoCheckoutPage(charset, SignSource.of(signed),
                FormPost.of("/payment/bankgateway.htm", charset, signed)), Charset.forName(charset));
    }

    /** The merchant's url_return: the posted fields, and whether they verify with the gateway's public key. */
    private void returned(Context ctx) {
        String charset = Optional.ofNullable(ctx.queryParam("charset")).orElse("UTF-8");
        LinkedHashMap<String, String> fields =
                decode(ctx, FormBody.decoderFor(charset).orElseThrow(() -> ApiException.badField("charset")));
        boolean verified = MessageSignature.verify(gatewayKey, SignType.RSA, fields).valid();
        pages.render(ctx, 200, "sandbox/return.jte", new DemoReturnPage(verified, charset,
                FormPost.of(PATH, charset, fields).fields()));
    }

    /** The merchant's notify_url: acknowledges a notification whose signature verifies, refuses any other. */
    private void notified(Context ctx) {
        boolean verified;
        try {
            verified = MessageSignature.verify(gatewayKey, SignType.RSA, FlatJson.parse(ctx.bodyAsBytes())).valid();
        } catch (MalformedMessageException e) {
            verified = false;
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("ret_code", verified ? "0000" : "1001");
        answer.put("ret_msg", verified ? "ok" : "signature does not verify with the gateway's public key");
        ctx.status(200).contentType("application/json;charset=UTF-8").result(FlatJson.write(answer));
    }

    /** The demo receiver learns the charset from its address; any other url_return is used as typed. */
    private static String returnUrl(String typed, String charset) {
        if (typed == null || typed.isBlank() || !typed.endsWith(PATH + "/return") || charset.equals("UTF-8")) {
            return typed;
        }
        return typed + "?charset=" + charset;
    }

    private static LinkedHashMap<String, String> decode(Context ctx, Charset charset) {
        try {
            return FormBody.parse(RequestBody.read(ctx, MAX_FORM_BYTES)).decode(charset);
        } catch (CharacterCodingException e) {
            throw ApiException.badField("charset");
        }
    }

    private static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    private static Signer signer(DemoMerchant demo) {
        try {
            return new Signer(demo.oidPartner(), RsaKeys.parsePrivate(Files.readString(demo.privateKeyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo merchant's private key " + demo.privateKeyFile(), e);
        }
    }
}
