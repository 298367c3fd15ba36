package io.llgate.server.sandbox;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.WireTime;
import io.llgate.server.onlinebanking.OnlineBankingOrder;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.refund.Refund;
import io.llgate.server.refund.RefundStatus;
import io.llgate.server.refund.Refunds;
import io.llgate.server.sandbox.DemoOrder.DemoRefund;
import io.llgate.server.sandbox.DemoOrder.RefundForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo shop's dealings as its merchant. Which orders and refunds it made is read from the gateway's
 * store, standing in for the shop's own database; everything about them (status, settle_date, balances) it
 * learns as a merchant's server does, through the merchant API over HTTP at the address the browser used.
 */
final class DemoShop implements AutoCloseable {
    static final int RECENT_ORDERS = 20;

    private final DemoMerchantClient merchant;
    private final OnlineBankingPayments onlineBanking;
    private final Refunds refunds;
    private final Clock clock;
    // Counting from a random start keeps numbers unique within one run, even while the sandbox clock stands still,
    // and unlikely to meet those of an earlier run against the same database.
    private final AtomicInteger sequence = new AtomicInteger(new SecureRandom().nextInt(10_000));

    DemoShop(DemoMerchantClient merchant, OnlineBankingPayments onlineBanking, Refunds refunds, Clock clock) {
        this.merchant = merchant;
        this.onlineBanking = onlineBanking;
        this.refunds = refunds;
        this.clock = clock;
    }

    String oidPartner() {
        return merchant.oidPartner();
    }

    /** The fields signed with the demo merchant's key. */
    LinkedHashMap<String, String> sign(Map<String, String> fields) {
        return merchant.sign(fields);
    }

    /** A new number of the shop's: the prefix, the time and four counted digits, such as {@code RF202406151430000042}. */
    String newNumber(String prefix) {
        return prefix + WireTime.dateTime(clock.instant())
                + String.format("%04d", Math.floorMod(sequence.getAndIncrement(), 10_000));
    }

    /** The shop's latest online banking orders, newest first, each queried. */
    List<DemoOrder> recentOrders(String base) {
        return onlineBanking.recent(oidPartner(), RECENT_ORDERS).stream().map(o -> order(base, o)).toList();
    }

    /** One of the shop's orders by its number, queried. */
    Optional<DemoOrder> order(String base, String noOrder) {
        return onlineBanking.byReference(noOrder, Optional.of(oidPartner())).stream()
                .filter(o -> o.noOrder().equals(noOrder))
                .findFirst()
                .map(o -> order(base, o));
    }

    /** The refund apply, from the shop's refund form as posted; the refund notification goes to {@code notifyUrl}. */
    DemoCall refund(String base, Map<String, String> form, String notifyUrl) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("no_refund", present(form.get("no_refund")).orElseGet(() -> newNumber("RF")));
        fields.put("dt_refund", present(form.get("dt_refund")).orElseGet(() -> WireTime.dateTime(clock.instant())));
        // As typed: checking the amount is the gateway's part (5003).
        fields.put("money_refund", form.getOrDefault("money_refund", "").strip());
        fields.put("no_order", form.get("no_order"));
        fields.put("dt_order", form.get("dt_order"));
        fields.put("notify_url", notifyUrl);
        return merchant.call(base, "/exchangerefund.htm", fields);
    }

    /**
     * An MPAY apply (21 §6) from the shop's card form as posted, sealed into {@code pay_load} as LianLian's SDKs send
     * it; the card's fields as typed (checking them is the gateway's part).
     */
    DemoCall mpayApply(String base, Map<String, String> form, String notifyUrl) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("user_id", "demo_user");
        fields.put("busi_partner", "101001");
        fields.put("no_order", newNumber("MPAY"));
        fields.put("dt_order", WireTime.dateTime(clock.instant()));
        fields.put("name_goods", form.getOrDefault("name_goods", ""));
        fields.put("money_order", form.getOrDefault("money_order", "").strip());
        fields.put("notify_url", notifyUrl);
        fields.put("valid_order", "30");
        fields.put("risk_item", "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"demo_user\"}");
        fields.put("pay_type", form.getOrDefault("pay_type", "2"));
        for (String card : List.of("card_no", "acct_name", "id_no", "bind_mob", "vali_date", "cvv2", "no_agree")) {
            fields.put(card, present(form.get(card)).orElse(null));
        }
        return merchant.sealed(base, "/v1/bankcardprepay", fields);
    }

    /** The MPAY verify (21 §7) of an applied order with the code the payer typed. */
    DemoCall mpayVerify(String base, Map<String, String> form) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("no_order", form.get("no_order"));
        fields.put("money_order", form.get("money_order"));
        fields.put("token", form.get("token"));
        fields.put("verify_code", form.getOrDefault("verify_code", "").strip());
        return merchant.call(base, "/v1/bankcardpay", fields);
    }

    DemoCall refundQuery(String base, String noRefund, String dtRefund) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("no_refund", noRefund);
        fields.put("dt_refund", dtRefund);
        return merchant.call(base, "/refundquery.htm", fields);
    }

    DemoCall balances(String base) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("api_version", "1.0");
        return merchant.call(base, "/traderAcctQuery.htm", fields);
    }

    /** The shop's page that queries a refund again. */
    static String queryLink(String noRefund, String dtRefund) {
        return MerchantDemoRoutes.PATH + "/refundquery?no_refund=" + URLEncoder.encode(noRefund, StandardCharsets.UTF_8)
                + "&dt_refund=" + URLEncoder.encode(dtRefund == null ? "" : dtRefund, StandardCharsets.UTF_8);
    }

    private DemoOrder order(String base, OnlineBankingOrder o) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("no_order", o.noOrder());
        fields.put("dt_order", o.dtOrder());
        DemoCall query = merchant.call(base, "/llwalletapi/orderquery.htm", fields);
        String money = Amounts.format(o.moneyOrder());
        if (!query.succeeded() || !"SUCCESS".equals(query.get("result_pay"))) {
            return new DemoOrder(o.noOrder(), o.dtOrder(), o.nameGoods(), money, query, List.of(), null);
        }
        long left = o.moneyOrder();
        List<DemoRefund> made = new ArrayList<>();
        for (Refund refund : refunds.ofPayment(oidPartner(), o.oidPaybill())) {
            DemoCall refundQuery = refundQuery(base, refund.noRefund(), refund.dtRefund());
            made.add(new DemoRefund(refund.noRefund(), refund.dtRefund(), Amounts.format(refund.moneyRefund()),
                    refundQuery, queryLink(refund.noRefund(), refund.dtRefund())));
            // Refunds that failed give their amount back; one whose state the query did not tell still counts.
            if (!RefundStatus.FAILURE.staRefund().equals(refundQuery.get("sta_refund"))) {
                left -= refund.moneyRefund();
            }
        }
        RefundForm form = new RefundForm(o.noOrder(), o.dtOrder(), newNumber("RF"), WireTime.dateTime(clock.instant()),
                Amounts.format(Math.max(0, left)));
        return new DemoOrder(o.noOrder(), o.dtOrder(), o.nameGoods(), money, query, made, form);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public void close() {
        merchant.close();
    }
}
