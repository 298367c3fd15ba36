package io.llgate.server.testing;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A merchant's exchange payment calls in tests: complete, valid requests that tests change, signed and posted. */
public final class ExchangeClient {
    public static final String APPLY = "/exchange/v1/bankcardpayapply";
    public static final String VERIFY = "/exchange/v1/bankcardpayverify";
    public static final String QUERY = "/exchangeorderquery.htm";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    public final Gateway gateway;
    public final TestMerchant merchant;
    public final String notifyUrl;

    public ExchangeClient(Gateway gateway, TestMerchant merchant, String notifyUrl) {
        this.gateway = gateway;
        this.merchant = merchant;
        this.notifyUrl = notifyUrl;
    }

    /** A complete apply (23 §4) of a debit card for {@code user}, priced {@code amount} in {@code currency}. */
    public LinkedHashMap<String, String> apply(String user, String cardNo, String mobile, String currency, String amount) {
        LinkedHashMap<String, String> f = base(user, currency, amount);
        f.put("id_type", "0");
        f.put("id_no", EasypayClient.ID_NO);
        f.put("acct_name", EasypayClient.NAME);
        f.put("card_no", cardNo);
        f.put("bind_mob", mobile);
        return f;
    }

    /** A complete apply paying with a binding (X8). */
    public LinkedHashMap<String, String> applyBound(String user, String noAgree, String currency, String amount) {
        LinkedHashMap<String, String> f = base(user, currency, amount);
        f.put("no_agree", noAgree);
        return f;
    }

    private LinkedHashMap<String, String> base(String user, String currency, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("time_stamp", now());
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", user);
        f.put("busi_partner", "109001");
        f.put("no_order", "FX" + SEQUENCE.incrementAndGet());
        f.put("dt_order", now());
        f.put("name_goods", "Wool scarf");
        f.put("info_order", "fx-note");
        f.put("notify_url", notifyUrl);
        f.put("valid_order", "60");
        f.put("risk_item", "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"" + user + "\"}");
        f.put("pay_type", "M");
        f.put("currency_order", currency);
        f.put("money_order", amount);
        f.put("currency_settle", currency);
        return f;
    }

    private String now() {
        return WireTime.dateTime(gateway.clock().instant());
    }

    public Reply post(LinkedHashMap<String, String> apply) {
        return merchant.plain(APPLY, apply);
    }

    /** A verify (23 §5) of the applied order with {@code token} and {@code code}. */
    public Reply verify(LinkedHashMap<String, String> apply, String token, String code) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("time_stamp", now());
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", apply.get("user_id"));
        f.put("no_order", apply.get("no_order"));
        f.put("token", token);
        f.put("verify_code", code);
        return merchant.plain(VERIFY, f);
    }

    /** The latest code texted to {@code mobile}. */
    public String code(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    /** Applies and verifies with the code texted to {@code mobile}. */
    public Reply pay(LinkedHashMap<String, String> apply, String mobile) {
        Reply applied = post(apply);
        if (!"0000".equals(applied.retCode()) || applied.get("token") == null) {
            return applied;
        }
        return verify(apply, applied.get("token"), code(mobile));
    }

    /** The result query (23 §7) of {@code noOrder}. */
    public Reply query(String noOrder) {
        return merchant.plain(QUERY, "no_order", noOrder);
    }
}
