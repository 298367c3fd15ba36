package io.llgate.server.easypay;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A merchant's easypay calls in tests: complete, valid requests that tests change, signed and posted over HTTP. */
public final class EasypayClient {
    static final String NAME = "王小明";
    static final String ID_NO = "11010119900307803X";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 10_000_000L);

    final Gateway gateway;
    final TestMerchant merchant;
    final String notifyUrl;

    public EasypayClient(Gateway gateway, TestMerchant merchant, String notifyUrl) {
        this.gateway = gateway;
        this.merchant = merchant;
        this.notifyUrl = notifyUrl;
    }

    /** A fresh mainland mobile, so that each test reads only its own codes from the sandbox inbox. */
    public static String newMobile() {
        return "139" + String.format("%08d", MOBILES.incrementAndGet() % 100_000_000L);
    }

    /** A complete apply (20 §6) of a new card for {@code user}; credit cards get an expiry and CVV2. */
    public LinkedHashMap<String, String> apply(String user, String cardNo, boolean credit, String mobile, String amount) {
        LinkedHashMap<String, String> f = base(user, amount);
        if (credit) {
            f.put("vali_date", "1230");
            f.put("cvv2", "123");
        }
        f.put("id_type", "0");
        f.put("id_no", ID_NO);
        f.put("acct_name", NAME);
        f.put("card_no", cardNo);
        f.put("bind_mob", mobile);
        return f;
    }

    /** A complete apply paying with a binding. */
    LinkedHashMap<String, String> applyBound(String user, String noAgree, String amount) {
        LinkedHashMap<String, String> f = base(user, amount);
        f.put("no_agree", noAgree);
        return f;
    }

    private LinkedHashMap<String, String> base(String user, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", user);
        f.put("busi_partner", "109001");
        f.put("no_order", "EP" + SEQUENCE.incrementAndGet());
        f.put("dt_order", WireTime.dateTime(gateway.clock().instant()));
        f.put("name_goods", "保温杯");
        f.put("info_order", "order-note");
        f.put("money_order", amount);
        f.put("notify_url", notifyUrl);
        f.put("valid_order", "30");
        f.put("pay_type", "M");
        f.put("risk_item", "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"" + user + "\"}");
        return f;
    }

    Reply post(LinkedHashMap<String, String> apply) {
        return merchant.plain("/easypay.htm", apply);
    }

    /** A verify of the applied order with {@code code}. */
    Reply verify(LinkedHashMap<String, String> apply, String token, String code) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_order", apply.get("no_order"));
        f.put("dt_order", apply.get("dt_order"));
        f.put("money_order", apply.get("money_order"));
        f.put("token", token);
        f.put("verify_code", code);
        return merchant.plain("/easypayverify.htm", f);
    }

    /** The latest code texted to {@code mobile}. */
    String code(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    /** Applies and verifies with the texted code. */
    public Reply pay(LinkedHashMap<String, String> apply, String mobile) {
        Reply applied = post(apply);
        if (!"0000".equals(applied.retCode())) {
            return applied;
        }
        return verify(apply, applied.get("token"), code(mobile));
    }

    public Reply query(String noOrder) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_order", noOrder);
        f.put("query_version", "1.1");
        return merchant.plain("/orderquery.htm", f);
    }
}
