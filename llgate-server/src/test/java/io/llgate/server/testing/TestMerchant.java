package io.llgate.server.testing;

import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.Products;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.sandbox.DemoMerchant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A merchant integration as LianLian's SDK writes one: signs with its own key, seals pay_load with the
 * gateway's public key, posts JSON, and verifies every reply's signature with the gateway's public key.
 */
public final class TestMerchant {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Gateway gateway;
    private final String oidPartner;
    private final KeyPair keys;

    private TestMerchant(Gateway gateway, String oidPartner, KeyPair keys) {
        this.gateway = gateway;
        this.oidPartner = oidPartner;
        this.keys = keys;
    }

    /** Registers a merchant with fresh 2048-bit keys, every product and the given balance in fen. */
    public static TestMerchant register(Gateway gateway, long balanceFen) {
        return register(gateway, balanceFen, Products.catalogue().granted(), IpAllowList.any());
    }

    public static TestMerchant register(Gateway gateway, long balanceFen, Set<ProductIdentity> products, IpAllowList ips) {
        KeyPair keys = SharedKeys.next();
        String oid = "2019" + String.format("%014d", SEQUENCE.incrementAndGet());
        Merchants merchants = gateway.merchants();
        merchants.add(new NewMerchant(oid, "test merchant", RsaKeys.pem(keys.getPublic()), products, ips, balanceFen));
        return new TestMerchant(gateway, oid, keys);
    }

    /** A merchant already in the gateway's database (written by an earlier version, say), with its key pair. */
    public static TestMerchant existing(Gateway gateway, String oidPartner, KeyPair keys) {
        return new TestMerchant(gateway, oidPartner, keys);
    }

    /** The sandbox's demo merchant, with the key pair from its files in the gateway's data directory. */
    public static TestMerchant demo(Gateway gateway) {
        DemoMerchant demo = gateway.demoMerchant().orElseThrow(() -> new IllegalStateException("no demo merchant"));
        try {
            KeyPair keys = new KeyPair(RsaKeys.parsePublic(Files.readString(demo.publicKeyFile())),
                    RsaKeys.parsePrivate(Files.readString(demo.privateKeyFile())));
            return new TestMerchant(gateway, demo.oidPartner(), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String oidPartner() {
        return oidPartner;
    }

    public KeyPair keys() {
        return keys;
    }

    /** A complete, valid apply request for a personal card; tests change what they need. */
    public LinkedHashMap<String, String> payout(String cardNo, String amount, String notifyUrl) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("acct_name", "李明");
        f.put("api_version", "1.0");
        f.put("card_no", cardNo);
        f.put("dt_order", WireTime.dateTime(LocalDateTime.now(WireTime.BEIJING)));
        f.put("flag_card", "0");
        f.put("info_order", "供应商结算");
        f.put("memo", "货款结算");
        f.put("money_order", amount);
        f.put("no_order", "PO" + SEQUENCE.incrementAndGet());
        f.put("notify_url", notifyUrl);
        f.put("oid_partner", oidPartner);
        return f;
    }

    /**
     * A complete, valid online banking form (11 §1) for 88.80 with a preset timestamp of the gateway's clock;
     * tests change what they need, then sign it with {@link #sign}.
     */
    public LinkedHashMap<String, String> bankGatewayForm(String amount, String notifyUrl) {
        String now = WireTime.dateTime(gateway.clock().instant());
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("version", "1.0");
        f.put("charset_name", "UTF-8");
        f.put("oid_partner", oidPartner);
        f.put("user_id", "u_778812");
        f.put("timestamp", now);
        f.put("busi_partner", "109001");
        f.put("no_order", "WEB" + SEQUENCE.incrementAndGet());
        f.put("dt_order", now);
        f.put("name_goods", "羽毛球拍");
        f.put("info_order", "订单备注");
        f.put("money_order", amount);
        f.put("notify_url", notifyUrl);
        f.put("userreq_ip", "203_0_113_7");
        f.put("risk_item", "{\"frms_ware_category\":\"4002\",\"user_info_mercht_userno\":\"u_778812\","
                + "\"user_info_bind_phone\":\"13800001111\",\"user_info_dt_register\":\"20230105120000\","
                + "\"goods_name\":\"羽毛球拍\"}");
        return f;
    }

    /** An online banking order the payer paid: its numbers as the merchant's server knows them. */
    public record PaidOrder(String noOrder, String dtOrder, String oidPaybill, String moneyOrder) {
    }

    /**
     * Posts a valid online banking form for {@code amount} from a payer's browser and has the sandbox bank
     * pay it, as {@code POST /sandbox/online-banking/{no_order}/complete} does.
     */
    public PaidOrder paidOnlineBankingOrder(String amount, String notifyUrl) {
        return paidOnlineBankingOrder(bankGatewayForm(amount, notifyUrl));
    }

    /** The same for a form of the test's own (see {@link #bankGatewayForm}), signed here. */
    public PaidOrder paidOnlineBankingOrder(LinkedHashMap<String, String> form) {
        String amount = form.get("money_order");
        PageClient.Page cashier = new PageClient(gateway).postForm("/payment/bankgateway.htm", sign(form),
                StandardCharsets.UTF_8);
        if (cashier.status() != 303) {
            throw new IllegalStateException("the gateway refused the order: " + cashier.html());
        }
        TestAdmin.Response paid = new TestAdmin(gateway).post(
                "/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"paid\",\"oid_partner\":\"" + oidPartner + "\"}");
        if (paid.status() != 200) {
            throw new IllegalStateException("the sandbox bank did not pay: " + paid.json());
        }
        return new PaidOrder(form.get("no_order"), form.get("dt_order"), paid.json().get("oid_paybill").asText(), amount);
    }

    /** Signs the fields (adding sign_type RSA and sign). */
    public LinkedHashMap<String, String> sign(Map<String, String> fields) {
        return MessageSignature.sign(keys.getPrivate(), SignType.RSA, fields);
    }

    /** The outer body of a pay_load request for the given signed inner fields. */
    public String sealedBody(Map<String, String> signedInner) {
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", oidPartner);
        outer.put("pay_load", PayLoad.seal(gateway.publicKey(), FlatJson.write(signedInner)));
        return FlatJson.write(outer);
    }

    /** Signs, seals and posts to a pay_load endpoint; returns the verified reply. */
    public Reply sealed(String path, Map<String, String> fields) {
        return post(path, sealedBody(sign(fields)));
    }

    /** Signs and posts plain JSON; returns the verified reply. */
    public Reply plain(String path, Map<String, String> fields) {
        return post(path, FlatJson.write(sign(fields)));
    }

    /** Signs and posts plain JSON of {@code oid_partner} and the names and values given, in that order. */
    public Reply plain(String path, String... namesAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return plain(path, fields);
    }

    public Reply post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json;charset=utf-8"));
    }

    public Reply post(String path, byte[] body, Map<String, String> headers) {
        return send(gateway, path, body, headers);
    }

    /** Posts raw bytes to the gateway and parses the JSON answer. */
    public static Reply send(Gateway gateway, String path, byte[] body, Map<String, String> headers) {
        return send(gateway, path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Posts a body (an input-stream publisher sends it chunked, without Content-Length) and parses the JSON answer. */
    public static Reply send(Gateway gateway, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(body);
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            LinkedHashMap<String, String> fields;
            try {
                fields = FlatJson.parse(response.body());
            } catch (MalformedMessageException e) {
                throw new AssertionError("the gateway answered something that is not JSON: " + text, e);
            }
            boolean signed = fields.containsKey("sign");
            boolean verifies = signed && MessageSignature.verify(gateway.publicKey(), SignType.RSA, fields).valid();
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    text, fields, signed, verifies);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A gateway answer: its raw text, its fields, and whether its signature verifies with the gateway key. */
    public record Reply(int status, String contentType, String text, Map<String, String> fields, boolean signed,
                        boolean signatureValid) {
        public String retCode() {
            return fields.get("ret_code");
        }

        public String get(String name) {
            return fields.get(name);
        }
    }
}
