package io.example.merchant;

import io.llgate.client.BusiPartner;
import io.llgate.client.LlGateClient;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.OnlineBankingPayment;
import io.llgate.client.OnlineBankingQuery;
import io.llgate.client.OnlineBankingRequest;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.WireTime;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop's web sales, paid by online banking: a checkout makes the order and the form that takes the payer's
 * browser to the gateway; the notification marks the order paid; the payer's return is only a hint, which the shop
 * checks with the result query. Orders are kept in memory to keep the example short.
 */
public final class ShopOrders {
    /** The industry category LianLian assigns the shop ({@code frms_ware_category}). */
    static final String WARE_CATEGORY = "4002";

    /** Where an order stands, as the shop sees it. */
    public enum Status {
        /** The payer is on the way to the bank. */
        WAITING,
        /** Paid: the notification (or the query after the payer came back) said so. */
        PAID
    }

    /** One order. */
    public record Order(String noOrder, String userId, String goods, long amountFen, Status status, String oidPaybill) {
        Order paid(String paybill) {
            return new Order(noOrder, userId, goods, amountFen, Status.PAID, paybill);
        }
    }

    private final LlGateClient client;
    private final String notifyUrl;
    private final String returnUrl;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, LocalDateTime> registered = new ConcurrentHashMap<>();
    private final List<String> paid = new CopyOnWriteArrayList<>();

    public ShopOrders(LlGateClient client, String notifyUrl, String returnUrl, Clock clock) {
        this.client = client;
        this.notifyUrl = notifyUrl;
        this.returnUrl = returnUrl;
        this.clock = clock;
    }

    /**
     * Makes the order and the signed form for the payer's browser; a field the gateway would refuse throws
     * {@link io.llgate.client.InvalidFieldException} before anything is recorded.
     *
     * @param bankCode the payer's bank when chosen on the shop's page, which skips the gateway's cashier; else null
     * @param payerIp the address the payer's browser came from
     */
    public OnlineBankingForm checkout(String userId, String goods, String amount, String bankCode, String payerIp) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(WireTime.BEIJING));
        // A real shop reads when the user registered from its user table; here it is their first order.
        LocalDateTime since = userId == null ? now : registered.computeIfAbsent(userId, u -> now);
        OnlineBankingRequest request = OnlineBankingRequest.builder()
                .userId(userId)
                .busiPartner(BusiPartner.PHYSICAL_GOODS)
                .noOrder("WEB" + WireTime.dateTime(now) + String.format("%04d", sequence.incrementAndGet() % 10_000))
                .dtOrder(now)
                .nameGoods(goods)
                .moneyOrder(amount)
                .notifyUrl(notifyUrl)
                .urlReturn(returnUrl)
                .bankCode(bankCode)
                .userreqIp(payerIp)
                .validOrder(30)
                .riskItem(RiskItem.builder().frmsWareCategory(WARE_CATEGORY).userInfoMerchtUserno(userId)
                        .userInfoDtRegister(since).goodsName(goods).build())
                .build();
        OnlineBankingForm form = client.onlineBanking().form(request);
        orders.put(request.noOrder(), new Order(request.noOrder(), userId, goods, request.moneyOrderFen(),
                Status.WAITING, null));
        return form;
    }

    /** The notification callback for the shop's orders: a paid order is counted once, however often it is notified. */
    public void onNotification(PaymentNotification n) {
        if (n.resultPay() != ResultPay.SUCCESS) {
            throw new IllegalStateException("online banking notifies payments only, not " + n.resultPay());
        }
        markPaid(n.noOrder(), n.oidPaybill(), n.moneyOrderFen());
    }

    /**
     * The payer is back with a verified return. It is a hint: when the notification has not arrived yet, the shop
     * asks the gateway, whose signed answer it can act on.
     */
    public Order onReturn(PaymentNotification returned) {
        Order order = find(returned.noOrder()).orElseThrow(() -> new IllegalArgumentException(
                "no order " + returned.noOrder()));
        if (order.status() != Status.WAITING) {
            return order;
        }
        OnlineBankingPayment payment = client.onlineBanking().query(OnlineBankingQuery.byNoOrder(order.noOrder()));
        if (payment.resultPay() == ResultPay.SUCCESS) {
            markPaid(order.noOrder(), payment.oidPaybill(), payment.moneyOrderFen());
        }
        return find(order.noOrder()).orElseThrow();
    }

    /** Whether the order number is one of the shop's sales (the back office's payouts have their own). */
    public boolean owns(String noOrder) {
        return orders.containsKey(noOrder);
    }

    public Optional<Order> find(String noOrder) {
        return Optional.ofNullable(orders.get(noOrder));
    }

    /** Every order the shop counted as paid, in order; each at most once. */
    public List<String> paid() {
        return List.copyOf(paid);
    }

    private void markPaid(String noOrder, String oidPaybill, long amountFen) {
        orders.compute(noOrder, (k, order) -> {
            if (order == null) {
                throw new IllegalStateException("unknown order " + noOrder);
            }
            if (order.amountFen() != amountFen) {
                throw new IllegalStateException("order " + noOrder + " was paid " + amountFen + " fen, not "
                        + order.amountFen());
            }
            if (order.status() == Status.PAID) {
                return order;
            }
            paid.add(noOrder);
            return order.paid(oidPaybill);
        });
    }
}
