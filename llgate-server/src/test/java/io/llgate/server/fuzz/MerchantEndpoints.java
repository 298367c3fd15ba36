package io.llgate.server.fuzz;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.console.Console;
import io.llgate.server.http.ErrorReplies;
import io.llgate.server.sandbox.MerchantDemoRoutes;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.TestMerchant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the fuzz suite knows of each merchant endpoint: how its request travels and a valid request, whose
 * keys are the fields the generators make hostile one at a time. The endpoints themselves come from the
 * gateway's registered routes; an endpoint registered without a shape here fails
 * {@code everyRegisteredMerchantEndpointHasAShape}, so a new product cannot skip the fuzzer.
 */
final class MerchantEndpoints {
    /** Held by the sandbox bank at once (the port refuses), so notifications are exhausted within a second. */
    static final String NOTIFY_URL = "http://127.0.0.1:9/llgate-fuzz/notify";

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private MerchantEndpoints() {
    }

    /** How a request reaches the endpoint and how it answers. */
    enum Envelope {
        /** Signed JSON as the body; a signed JSON answer. */
        PLAIN,
        /** Signed JSON sealed in {@code pay_load}; a signed JSON answer. */
        SEALED,
        /** Signed JSON as the body; the file's bytes on success, signed JSON otherwise. */
        FILE,
        /** A browser's form post; a redirect on success, the HTML error page otherwise. */
        FORM,
        /** A browser's form post of one field, {@code req_data}, holding the signed JSON; answered as {@link #FORM}. */
        H5_FORM;

        boolean isForm() {
            return this == FORM || this == H5_FORM;
        }
    }

    /** An endpoint's envelope and a valid request for the fixture's merchant (fresh order numbers each call). */
    record Shape(Envelope envelope, Function<Fixture, LinkedHashMap<String, String>> valid) {
    }

    /**
     * What valid requests refer to: a merchant with every product and a large balance, a paid online banking
     * order, a payout held at the bank, a payout waiting for its confirm code and a refund held at the bank.
     */
    record Fixture(Gateway gateway, TestMerchant merchant, TestMerchant.PaidOrder paid, String payoutNoOrder,
                   String checkNoOrder, String confirmCode, String noRefund, String dtRefund) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("/paymentapi/payment.htm", new Shape(Envelope.SEALED,
                    f -> f.merchant().payout(heldCard(), "5.00", NOTIFY_URL))),
            Map.entry("/paymentapi/confirmPayment.htm", new Shape(Envelope.SEALED, f -> fields(f,
                    "api_version", "1.0", "no_order", f.checkNoOrder(), "confirm_code", f.confirmCode(),
                    "notify_url", NOTIFY_URL))),
            Map.entry("/paymentapi/queryPayment.htm", new Shape(Envelope.PLAIN, f -> fields(f,
                    "api_version", "1.0", "no_order", f.payoutNoOrder()))),
            Map.entry("/traderAcctQuery.htm", new Shape(Envelope.PLAIN, f -> fields(f, "api_version", "1.0"))),
            Map.entry("/payment/bankgateway.htm", new Shape(Envelope.FORM,
                    f -> f.merchant().bankGatewayForm("88.80", NOTIFY_URL))),
            Map.entry("/payment/traveleasypay.htm", new Shape(Envelope.FORM, MerchantEndpoints::easypayPage)),
            Map.entry("/travlepay.htm", new Shape(Envelope.H5_FORM, MerchantEndpoints::easypayH5Page)),
            Map.entry("/travelpay.htm", new Shape(Envelope.H5_FORM, MerchantEndpoints::easypayH5Page)),
            Map.entry("/llwalletapi/orderquery.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::orderQuery)),
            Map.entry("/orderquery.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::orderQuery)),
            Map.entry("/exchangerefund.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::refund)),
            Map.entry("/refund.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::refund)),
            Map.entry("/refundquery.htm", new Shape(Envelope.PLAIN, f -> fields(f,
                    "no_refund", f.noRefund(), "dt_refund", f.dtRefund()))),
            Map.entry("/report/download.htm", new Shape(Envelope.FILE, f -> fields(f,
                    "file_type", "JYMX", "report_date", "20260101"))),
            Map.entry("/report/list.htm", new Shape(Envelope.PLAIN, f -> fields(f, "report_month", "202601"))),
            Map.entry("/preauthComplete.htm", new Shape(Envelope.PLAIN, f -> preAuth(f, "1.00"))),
            Map.entry("/preauthCancel.htm", new Shape(Envelope.PLAIN, f -> preAuth(f, "1.00"))),
            Map.entry("/preauthquery.htm", new Shape(Envelope.PLAIN, f -> fields(f, "api_version", "1.0",
                    "pay_type", "F", "no_order", next("PA"), "dt_order", now(), "oid_paybill", "2026010100000001"))),
            Map.entry("/bankcardbin.htm", new Shape(Envelope.PLAIN, f -> fields(f, "api_version", "1.1",
                    "card_no", "6214830100005566", "pay_type", "D", "flag_amt_limit", "1"))),
            Map.entry("/supportbankquery.htm", new Shape(Envelope.PLAIN, f -> fields(f, "api_version", "1.0",
                    "product_type", "1", "pay_chnl", "15", "card_type", "2"))),
            Map.entry("/prcptcdquery.htm", new Shape(Envelope.PLAIN, f -> fields(f, "bank_code", "03080000",
                    "city_code", "330100", "brabank_name", "西湖"))),
            Map.entry("/bankcardbind.htm", new Shape(Envelope.PLAIN, f -> cardBindApply(f, next("U"), nextMobile()))),
            Map.entry("/bankcardbindverfy.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::cardBindVerify)),
            Map.entry("/v1/bankcardbindverfy", new Shape(Envelope.PLAIN, MerchantEndpoints::cardBindVerify)),
            Map.entry("/bankcardbindverify.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::cardBindVerify)),
            Map.entry("/v1/bankcardbindverify", new Shape(Envelope.PLAIN, MerchantEndpoints::cardBindVerify)),
            Map.entry("/bankcardunbind.htm", new Shape(Envelope.PLAIN, f -> {
                String user = next("U");
                return fields(f, "user_id", user, "pay_type", "M", "no_agree", boundCard(f, user));
            })),
            Map.entry("/bankcardbindlist.htm", new Shape(Envelope.PLAIN, f -> {
                String user = next("U");
                return fields(f, "user_id", user, "pay_type", "M", "no_agree", boundCard(f, user),
                        "card_no", "6214830100005566", "offset", "0");
            })),
            Map.entry("/easypay.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::easypayApply)),
            Map.entry("/easypayverify.htm", new Shape(Envelope.PLAIN, MerchantEndpoints::easypayVerify)),
            Map.entry("/v1/bankcardbind", new Shape(Envelope.SEALED, f -> mpayBindApply(f, next("U"), nextMobile()))),
            Map.entry("/v1/bankcardprepay", new Shape(Envelope.SEALED, f -> mpayApply(f, nextMobile()))),
            Map.entry("/v1/bankcardpay", new Shape(Envelope.PLAIN, MerchantEndpoints::mpayVerify)),
            Map.entry("/exchange/v1/bankcardpayapply", new Shape(Envelope.PLAIN, MerchantEndpoints::exchangeApply)),
            Map.entry("/exchange/v1/bankcardpayverify", new Shape(Envelope.PLAIN, MerchantEndpoints::exchangeVerify)),
            Map.entry("/exchangeorderquery.htm", new Shape(Envelope.PLAIN, f -> fields(f,
                    "no_order", f.merchant().plain("/exchange/v1/bankcardpayapply", exchangeApply(f)).get("no_order")))));

    /**
     * The registered routes that are merchant endpoints: POSTs to a fixed path outside the admin and sandbox
     * APIs. Paths with parameters are the payer's pages (cashier, bank, result), fuzzed as pages.
     */
    static List<String> registered(Gateway gateway) {
        return gateway.routes().stream()
                .filter(r -> r.method().equals("POST") && !r.path().contains("{") && !ErrorReplies.isOperatorPath(r.path())
                        && !r.path().startsWith(MerchantDemoRoutes.PATH) && !r.path().startsWith(Console.PATH))
                .map(Gateway.Route::path)
                .distinct()
                .sorted()
                .toList();
    }

    static Optional<Shape> shape(String path) {
        return Optional.ofNullable(SHAPES.get(path));
    }

    /** The card payment WEB page's form (20 §4), a new order each time. */
    static LinkedHashMap<String, String> easypayPage(Fixture f) {
        LinkedHashMap<String, String> form = f.merchant().bankGatewayForm("88.80", NOTIFY_URL);
        form.remove("charset_name");
        form.put("no_order", "EPW" + SEQUENCE.incrementAndGet());
        form.put("pay_type", "M");
        return form;
    }

    /** The card payment H5 page's fields (20 §5), before they are signed and carried in {@code req_data}. */
    static LinkedHashMap<String, String> easypayH5Page(Fixture f) {
        LinkedHashMap<String, String> form = easypayPage(f);
        form.remove("userreq_ip");
        form.put("app_request", "3");
        return form;
    }

    /** A card number the sandbox bank holds in PROCESSING (it ends 0002), new each time so nothing looks repeated. */
    static String heldCard() {
        return "62170000" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L) + "0002";
    }

    static String next(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    /** A new 18-digit merchant number. */
    static String newOidPartner() {
        return "2099" + String.format("%014d", SEQUENCE.incrementAndGet());
    }

    static String now() {
        return WireTime.dateTime(LocalDateTime.now(WireTime.BEIJING));
    }

    private static LinkedHashMap<String, String> orderQuery(Fixture f) {
        return fields(f, "query_version", "1.1", "no_order", f.paid().noOrder(), "dt_order", f.paid().dtOrder());
    }

    /** A refund of 0.92, which the sandbox bank holds (so nothing settles in the background). */
    private static LinkedHashMap<String, String> refund(Fixture f) {
        return fields(f, "no_refund", next("RF"), "dt_refund", now(), "money_refund", "0.92",
                "no_order", f.paid().noOrder(), "dt_order", f.paid().dtOrder(), "notify_url", NOTIFY_URL);
    }

    /** A capture or cancel of a pre-authorization the merchant does not have: it reaches the lookup. */
    private static LinkedHashMap<String, String> preAuth(Fixture f, String amount) {
        return fields(f, "api_version", "1.0", "user_id", "fuzz-user", "pay_type", "F", "money_order", amount,
                "no_order", next("PA"), "dt_order", now(), "oid_paybill", "2026010100000001", "risk_item",
                "{\"frms_ware_category\":\"4007\"}");
    }

    /** A new mainland mobile, so that the sandbox SMS inbox holds only the code texted for this request. */
    private static String nextMobile() {
        return "139" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000L);
    }

    private static LinkedHashMap<String, String> cardBindApply(Fixture f, String userId, String mobile) {
        return fields(f, "user_id", userId, "api_version", "2.1", "pay_type", "M", "card_no", "6214830100005566",
                "acct_name", "王小明", "id_type", "0", "id_no", "110101199001011237", "bind_mob", mobile,
                "risk_item", "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"" + userId + "\"}");
    }

    /** A verify of a fresh apply, with the code the sandbox texted. */
    private static LinkedHashMap<String, String> cardBindVerify(Fixture f) {
        return cardBindVerify(f, next("U"));
    }

    private static LinkedHashMap<String, String> cardBindVerify(Fixture f, String user) {
        String mobile = nextMobile();
        TestMerchant.Reply applied = f.merchant().plain("/bankcardbind.htm", cardBindApply(f, user, mobile));
        String code = ((SandboxSms) f.gateway().sms()).inbox(mobile).get(0).code();
        return fields(f, "user_id", user, "token", applied.get("token"), "verify_code", code);
    }

    /** The {@code no_agree} of a card bound to the user just now. */
    private static String boundCard(Fixture f, String userId) {
        return f.merchant().plain("/bankcardbindverfy.htm", cardBindVerify(f, userId)).get("no_agree");
    }

    /** An MPAY bind apply (21 §4) of a debit card, as LianLian's SDK sends it: no api_version. */
    private static LinkedHashMap<String, String> mpayBindApply(Fixture f, String userId, String mobile) {
        return fields(f, "user_id", userId, "pay_type", "2", "no_order", next("BD"), "dt_order", now(),
                "card_no", "6214830100005566", "acct_name", "王小明", "id_type", "0", "id_no", "110101199001011237",
                "bind_mob", mobile, "risk_item", "{\"frms_ware_category\":\"4007\"}");
    }

    /** An MPAY apply (21 §6) of a new credit card, paying 1.00. */
    private static LinkedHashMap<String, String> mpayApply(Fixture f, String mobile) {
        return fields(f, "user_id", "fuzz_user", "busi_partner", "101001", "no_order", next("MP"), "dt_order", now(),
                "name_goods", "会员月卡", "info_order", "fuzz", "money_order", "1.00", "notify_url", NOTIFY_URL,
                "valid_order", "30", "risk_item", "{\"frms_ware_category\":\"4007\"}", "pay_type", "3",
                "card_no", "6222300000000008", "bank_code", "01020000", "acct_name", "王小明", "bind_mob", mobile,
                "id_type", "0", "id_no", "11010119900307803X", "vali_date", "1299", "cvv2", "123");
    }

    /** An MPAY verify (21 §7) of an order applied for just now, with the code texted to its own mobile. */
    private static LinkedHashMap<String, String> mpayVerify(Fixture f) {
        String mobile = nextMobile();
        LinkedHashMap<String, String> apply = mpayApply(f, mobile);
        TestMerchant.Reply applied = f.merchant().sealed("/v1/bankcardprepay", apply);
        String code = ((SandboxSms) f.gateway().sms()).inbox(mobile).get(0).code();
        return fields(f, "no_order", apply.get("no_order"), "money_order", "1.00", "token", applied.get("token"),
                "verify_code", code);
    }

    /** An easypay apply of a new credit card (20 §6), paying 1.00. */
    private static LinkedHashMap<String, String> easypayApply(Fixture f) {
        return easypayApply(f, "13800138000");
    }

    private static LinkedHashMap<String, String> easypayApply(Fixture f, String mobile) {
        return fields(f, "api_version", "1.0", "user_id", "fuzz_user", "busi_partner", "109001",
                "no_order", next("EP"), "dt_order", now(), "name_goods", "保温杯", "info_order", "fuzz",
                "notify_url", NOTIFY_URL, "valid_order", "30", "risk_item", "{\"frms_ware_category\":\"4007\"}",
                "pay_type", "M", "money_order", "1.00", "vali_date", "1299", "cvv2", "123", "id_type", "0",
                "id_no", "11010119900307803X", "acct_name", "王小明", "card_no", "6222300000000008",
                "bind_mob", mobile, "bank_code", "01020000", "client_chnl", "13");
    }

    /** A verify (20 §7) of an order applied for just now, with the code texted to its own mobile. */
    private static LinkedHashMap<String, String> easypayVerify(Fixture f) {
        String mobile = "137" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000L);
        LinkedHashMap<String, String> apply = easypayApply(f, mobile);
        TestMerchant.Reply applied = f.merchant().plain("/easypay.htm", apply);
        String code = ((SandboxSms) f.gateway().sms()).inbox(mobile).get(0).code();
        return fields(f, "no_order", apply.get("no_order"), "token", applied.get("token"), "dt_order",
                apply.get("dt_order"), "money_order", "1.00", "verify_code", code);
    }

    private static LinkedHashMap<String, String> exchangeApply(Fixture f) {
        return exchangeApply(f, "13800138000");
    }

    /** An exchange payment apply (23 §4) of a USD order with a credit card. */
    private static LinkedHashMap<String, String> exchangeApply(Fixture f, String mobile) {
        return fields(f, "api_version", "1.0", "time_stamp", WireTime.dateTime(f.gateway().clock().instant()),
                "user_id", "fuzz_user", "busi_partner", "109001", "no_order", next("FX"), "dt_order", now(),
                "name_goods", "Wool scarf", "info_order", "fuzz", "notify_url", NOTIFY_URL, "valid_order", "30",
                "risk_item", "{\"frms_ware_category\":\"4007\"}", "pay_type", "N", "currency_order", "USD",
                "money_order", "1.00", "currency_settle", "USD", "vali_date", "1299", "cvv2", "123", "id_type", "0",
                "id_no", "11010119900307803X", "acct_name", "王小明", "card_no", "6222300000000008",
                "bind_mob", mobile);
    }

    /** A verify (23 §5) of an exchange order applied for just now, with the code texted to its own mobile. */
    private static LinkedHashMap<String, String> exchangeVerify(Fixture f) {
        String mobile = "137" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000L);
        LinkedHashMap<String, String> apply = exchangeApply(f, mobile);
        TestMerchant.Reply applied = f.merchant().plain("/exchange/v1/bankcardpayapply", apply);
        String code = ((SandboxSms) f.gateway().sms()).inbox(mobile).get(0).code();
        return fields(f, "api_version", "1.0", "time_stamp", WireTime.dateTime(f.gateway().clock().instant()),
                "user_id", "fuzz_user", "token", applied.get("token"), "verify_code", code,
                "no_order", apply.get("no_order"));
    }

    private static LinkedHashMap<String, String> fields(Fixture f, String... namesAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", f.merchant().oidPartner());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
