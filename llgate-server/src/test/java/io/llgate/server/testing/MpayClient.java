package io.llgate.server.testing;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A merchant's MPAY calls in tests (spec 21): complete, valid requests that tests change, signed, sealed into
 * {@code pay_load} or sent plain, and posted over HTTP; SMS codes read from the sandbox inbox.
 */
public final class MpayClient {
    public static final String NAME = "王小明";
    public static final String ID_NO = "11010119900307803X";
    public static final String RISK_ITEM = "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"cust_00872\"}";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    public final Gateway gateway;
    public final TestMerchant merchant;
    public final String notifyUrl;

    public MpayClient(Gateway gateway, TestMerchant merchant, String notifyUrl) {
        this.gateway = gateway;
        this.merchant = merchant;
        this.notifyUrl = notifyUrl;
    }

    /** A complete apply (21 §6) of a new card; credit cards get an expiry and CVV2. */
    public LinkedHashMap<String, String> apply(String user, String cardNo, boolean credit, String mobile, String amount) {
        LinkedHashMap<String, String> f = base(user, amount);
        f.put("pay_type", credit ? "3" : "2");
        if (credit) {
            f.put("vali_date", "1230");
            f.put("cvv2", "123");
        }
        f.put("card_no", cardNo);
        f.put("acct_name", NAME);
        f.put("bind_mob", mobile);
        f.put("id_type", "0");
        f.put("id_no", ID_NO);
        return f;
    }

    /** A complete apply paying with a binding. */
    public LinkedHashMap<String, String> applyBound(String user, String noAgree, String amount) {
        LinkedHashMap<String, String> f = base(user, amount);
        f.put("pay_type", "2");
        f.put("acct_name", NAME);
        f.put("no_agree", noAgree);
        return f;
    }

    private LinkedHashMap<String, String> base(String user, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", user);
        f.put("busi_partner", "101001");
        f.put("no_order", "MP" + SEQUENCE.incrementAndGet());
        f.put("dt_order", WireTime.dateTime(gateway.clock().instant()));
        f.put("name_goods", "会员月卡");
        f.put("info_order", "order-note");
        f.put("money_order", amount);
        f.put("notify_url", notifyUrl);
        f.put("valid_order", "30");
        f.put("risk_item", RISK_ITEM);
        return f;
    }

    /** A complete MPAY bind apply (21 §4). */
    public LinkedHashMap<String, String> bindApply(String user, String cardNo, String mobile) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", user);
        f.put("pay_type", "2");
        f.put("no_order", "BD" + SEQUENCE.incrementAndGet());
        f.put("dt_order", WireTime.dateTime(gateway.clock().instant()));
        f.put("notify_url", notifyUrl);
        f.put("card_no", cardNo);
        f.put("acct_name", NAME);
        f.put("id_type", "0");
        f.put("id_no", ID_NO);
        f.put("bind_mob", mobile);
        f.put("risk_item", RISK_ITEM);
        return f;
    }

    /** Applies inside {@code pay_load}, as LianLian's SDKs do. */
    public Reply post(Map<String, String> apply) {
        return merchant.sealed("/v1/bankcardprepay", apply);
    }

    /** Applies as plain signed JSON (21 M3). */
    public Reply postPlain(Map<String, String> apply) {
        return merchant.plain("/v1/bankcardprepay", apply);
    }

    /** The verify (21 §7) of the applied order with {@code code}, posted plain to {@code path}. */
    public Reply verify(String path, Map<String, String> apply, String token, String code) {
        return merchant.plain(path, verifyFields(apply, token, code));
    }

    public Reply verify(Map<String, String> apply, String token, String code) {
        return verify("/v1/bankcardpay", apply, token, code);
    }

    public LinkedHashMap<String, String> verifyFields(Map<String, String> apply, String token, String code) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_order", apply.get("no_order"));
        f.put("money_order", apply.get("money_order"));
        f.put("token", token);
        f.put("verify_code", code);
        return f;
    }

    /** The latest code texted to {@code mobile}. */
    public String code(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    /** Applies and verifies with the texted code. */
    public Reply pay(Map<String, String> apply) {
        Reply applied = post(apply);
        if (!"8888".equals(applied.retCode())) {
            return applied;
        }
        return verify(apply, applied.get("token"), code(apply.getOrDefault("bind_mob", "")));
    }

    /** Binds the card through {@code /v1/bankcardbind} and its verify; answers the verify's reply. */
    public Reply bind(String user, String cardNo, String mobile) {
        LinkedHashMap<String, String> apply = bindApply(user, cardNo, mobile);
        Reply applied = merchant.sealed("/v1/bankcardbind", apply);
        if (!"8888".equals(applied.retCode())) {
            return applied;
        }
        LinkedHashMap<String, String> verify = new LinkedHashMap<>();
        verify.put("oid_partner", merchant.oidPartner());
        verify.put("user_id", user);
        verify.put("token", applied.get("token"));
        verify.put("verify_code", code(mobile));
        verify.put("no_order", apply.get("no_order"));
        return merchant.plain("/v1/bankcardbindverfy", verify);
    }

    public Reply query(String noOrder) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_order", noOrder);
        f.put("query_version", "1.1");
        return merchant.plain("/orderquery.htm", f);
    }

    /**
     * The body LianLian's PHP SDK posts for signed fields: the inner JSON as PHP's {@code json_encode} writes it,
     * slashes escaped ({@code \/}) and every other character than ASCII as {@code \\uXXXX}, sealed without line breaks.
     */
    public String phpSealedBody(Map<String, String> fields) {
        String json = FlatJson.write(merchant.sign(fields)).replace("/", "\\/");
        StringBuilder escaped = new StringBuilder();
        json.chars().forEach(c -> {
            if (c < 0x80) {
                escaped.append((char) c);
            } else {
                escaped.append(String.format("\\u%04x", c));
            }
        });
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", merchant.oidPartner());
        outer.put("pay_load", PayLoad.seal(gateway.publicKey(), escaped.toString()).replace("\r", "").replace("\n", ""));
        return FlatJson.write(outer);
    }
}
