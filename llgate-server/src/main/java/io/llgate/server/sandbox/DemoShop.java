package io.llgate.server.sandbox;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.WireTime;
import io.llgate.server.exchange.ExchangeProduct;
import io.llgate.server.onlinebanking.OnlineBankingOrder;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.refund.Refund;
import io.llgate.server.refund.RefundStatus;
import io.llgate.server.refund.Refunds;
import io.llgate.server.sandbox.DemoOrder.DemoRefund;
import io.llgate.server.sandbox.DemoOrder.RefundForm;
import io.llgate.server.transaction.TransactionQuery;
import io.llgate.server.transaction.TransactionSummary;
import io.llgate.server.transaction.Transactions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo shop's dealings as its merchant. Which orders and refunds it made is read from the gateway's
 * store, standing in for the shop's own database; everything about them (status, settle_date, balances) it
 * learns as a merchant's server does, through the merchant API over HTTP at the address the browser used.
 */
final class DemoShop implements AutoCloseable {
    static final int RECENT_ORDERS = 20;
    /** The card fields the shop's own card form posts, for MPAY and exchange payment alike. */
    private static final List<String> CARD_FIELDS =
            List.of("card_no", "acct_name", "id_no", "bind_mob", "vali_date", "cvv2", "no_agree");
    /** The risk parameters the shop sends with a card it takes on its own page. */
    private static final String CARD_RISK_ITEM =
            "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"demo_user\"}";
    /** What the shop's foreign-priced item costs in each currency it sells in, the first the one offered first. */
    static final Map<String, String> FOREIGN_PRICES = foreignPrices();

    private final DemoMerchantClient merchant;
    private final OnlineBankingPayments onlineBanking;
    private final Refunds refunds;
    private final Transactions transactions;
    private final Clock clock;
    // Counting from a random start keeps numbers unique within one run, even while the sandbox clock stands still,
    // and unlikely to meet those of an earlier run against the same database.
    private final AtomicInteger sequence = new AtomicInteger(new SecureRandom().nextInt(10_000));

    DemoShop(DemoMerchantClient merchant, OnlineBankingPayments onlineBanking, Refunds refunds,
             Transactions transactions, Clock clock) {
        this.merchant = merchant;
        this.onlineBanking = onlineBanking;
        this.refunds = refunds;
        this.transactions = transactions;
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

    /** The shop's latest online banking and exchange payment orders, newest first, each queried. */
    List<DemoOrder> recentOrders(String base) {
        List<DemoOrder> orders = new ArrayList<>();
        onlineBanking.recent(oidPartner(), RECENT_ORDERS).forEach(o -> orders.add(order(base, o)));
        transactions.list(new TransactionQuery(Set.of(ExchangeProduct.IDENTITY), oidPartner(), null, null, null, null,
                Optional.empty(), RECENT_ORDERS)).transactions().forEach(t -> orders.add(exchangeOrder(base, t)));
        // Stable: orders of one second keep the order each list gave them.
        orders.sort(Comparator.comparing(DemoOrder::dtOrder, Comparator.nullsLast(Comparator.reverseOrder())));
        return orders.subList(0, Math.min(RECENT_ORDERS, orders.size()));
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
        fields.put("risk_item", CARD_RISK_ITEM);
        fields.put("pay_type", form.getOrDefault("pay_type", "2"));
        putCard(fields, form);
        return merchant.sealed(base, "/v1/bankcardprepay", fields);
    }

    /**
     * An exchange payment apply (23 §4) from the shop's foreign-priced item as posted: the currency the payer chose,
     * the shop's price in it unless an amount was typed, and the card's fields as typed.
     */
    DemoCall exchangeApply(String base, Map<String, String> form, String notifyUrl) {
        String currency = form.getOrDefault("currency_order", "USD").strip();
        String now = WireTime.dateTime(clock.instant());
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("api_version", "1.0");
        fields.put("time_stamp", now);
        fields.put("oid_partner", oidPartner());
        fields.put("user_id", "demo_user");
        fields.put("busi_partner", "109001");
        fields.put("no_order", newNumber("FX"));
        fields.put("dt_order", now);
        fields.put("name_goods", form.getOrDefault("name_goods", ""));
        fields.put("notify_url", notifyUrl);
        fields.put("valid_order", "30");
        fields.put("risk_item", CARD_RISK_ITEM);
        fields.put("pay_type", form.getOrDefault("pay_type", "M"));
        fields.put("currency_order", currency);
        fields.put("money_order", present(form.get("money_order")).orElse(FOREIGN_PRICES.getOrDefault(currency, "")));
        fields.put("currency_settle", currency);
        fields.put("id_type", present(form.get("id_no")).isPresent() ? "0" : null);
        putCard(fields, form);
        return merchant.call(base, "/exchange/v1/bankcardpayapply", fields);
    }

    /** The exchange payment verify (23 §5) of an applied order with the code the payer typed. */
    DemoCall exchangeVerify(String base, Map<String, String> form) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("api_version", "1.0");
        fields.put("time_stamp", WireTime.dateTime(clock.instant()));
        fields.put("oid_partner", oidPartner());
        fields.put("user_id", "demo_user");
        fields.put("token", form.get("token"));
        fields.put("verify_code", form.getOrDefault("verify_code", "").strip());
        fields.put("no_order", form.get("no_order"));
        return merchant.call(base, "/exchange/v1/bankcardpayverify", fields);
    }

    /** The card's fields from the shop's card form, as typed; empty ones left out. */
    private static void putCard(LinkedHashMap<String, String> fields, Map<String, String> form) {
        for (String card : CARD_FIELDS) {
            fields.put(card, present(form.get(card)).orElse(null));
        }
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
        return balances(base, "CNY");
    }

    /** The balances in one currency; CNY is asked for as LianLian's merchants do, without {@code currency}. */
    DemoCall balances(String base, String currency) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("api_version", "1.0");
        fields.put("currency", "CNY".equals(currency) ? null : currency);
        return merchant.call(base, "/traderAcctQuery.htm", fields);
    }

    /** The currency of the payment a refund of the shop's returns money of: CNY unless it was priced in another. */
    String refundCurrency(String noRefund) {
        return refunds.byReference(noRefund, Optional.of(oidPartner())).stream().findFirst()
                .map(refund -> refund.currency().getCurrencyCode()).orElse("CNY");
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
        return withRefunds(base, o.noOrder(), o.dtOrder(), o.nameGoods(), "CNY", o.moneyOrder(), o.oidPaybill(), query);
    }

    /**
     * An exchange payment order of the shop's, queried on {@code /exchangeorderquery.htm}; its goods are read from the
     * gateway's store as the shop's own database would tell them.
     */
    private DemoOrder exchangeOrder(String base, TransactionSummary t) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner());
        fields.put("no_order", t.noOrder());
        DemoCall query = merchant.call(base, "/exchangeorderquery.htm", fields);
        Map<String, String> facts = transactions.find(t.ref()).map(Transactions.Detail::facts).orElse(Map.of());
        long money;
        try {
            money = Amounts.parseFen(t.amount());
        } catch (FieldFormatException e) {
            throw new IllegalStateException("exchange order " + t.ref() + " has the amount " + t.amount(), e);
        }
        String dtOrder = query.succeeded() ? query.get("dt_order") : facts.get("dt_order");
        return withRefunds(base, t.noOrder(), dtOrder, facts.getOrDefault("name_goods", ""), t.currency(), money,
                t.oidPaybill(), query);
    }

    /** An order as queried, with its refunds and, once paid, a refund form for what is left, in its currency. */
    private DemoOrder withRefunds(String base, String noOrder, String dtOrder, String nameGoods, String currency,
                                  long moneyOrder, String oidPaybill, DemoCall query) {
        String money = Amounts.format(moneyOrder);
        String result = query.succeeded() ? query.get("result_pay") : null;
        // A whole exchange payment refunded reads REFUND, and its refunds are still the shop's to see.
        if (!"SUCCESS".equals(result) && !"REFUND".equals(result)) {
            return new DemoOrder(noOrder, dtOrder, nameGoods, currency, money, query, List.of(), null);
        }
        long left = moneyOrder;
        List<DemoRefund> made = new ArrayList<>();
        for (Refund refund : refunds.ofPayment(oidPartner(), oidPaybill)) {
            DemoCall refundQuery = refundQuery(base, refund.noRefund(), refund.dtRefund());
            made.add(new DemoRefund(refund.noRefund(), refund.dtRefund(), Amounts.format(refund.moneyRefund()),
                    refundQuery, queryLink(refund.noRefund(), refund.dtRefund())));
            // Refunds that failed give their amount back; one whose state the query did not tell still counts.
            if (!RefundStatus.FAILURE.staRefund().equals(refundQuery.get("sta_refund"))) {
                left -= refund.moneyRefund();
            }
        }
        RefundForm form = new RefundForm(noOrder, dtOrder, newNumber("RF"), WireTime.dateTime(clock.instant()),
                Amounts.format(Math.max(0, left)), currency);
        return new DemoOrder(noOrder, dtOrder, nameGoods, currency, money, query, made, form);
    }

    private static Map<String, String> foreignPrices() {
        LinkedHashMap<String, String> prices = new LinkedHashMap<>();
        prices.put("USD", "45.00");
        prices.put("JPY", "6800.00");
        return Collections.unmodifiableMap(prices);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public void close() {
        merchant.close();
    }
}
