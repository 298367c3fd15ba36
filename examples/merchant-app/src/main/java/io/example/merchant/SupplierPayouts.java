package io.example.merchant;

import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateException;
import io.llgate.client.LlGateReturnCodeException;
import io.llgate.client.PayoutApplyResult;
import io.llgate.client.PayoutConfirmation;
import io.llgate.client.PayoutRequest;
import io.llgate.client.notify.Notification;
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
import java.util.function.UnaryOperator;

/**
 * The shop's business: paying its suppliers out to their bank cards, and what each has been paid. Payouts are
 * kept in memory to keep the example short; a real shop keeps them in its database.
 */
public final class SupplierPayouts {
    /** Where a payout stands, as the shop sees it. */
    public enum Status {
        /** Recorded; the apply is on its way. */
        SENDING,
        /** With the bank; the notification will say how it ended. */
        SENT,
        /** The gateway holds it for review: confirm it or let it close. */
        HELD,
        /** The bank paid the supplier. */
        PAID,
        /** The bank could not pay. */
        FAILED,
        /** The bank took a payment back. */
        REVERSED,
        /** The gateway refused the apply. */
        REFUSED,
        /** The apply failed in a way that may have created the payout: query it before deciding. */
        UNKNOWN
    }

    /** One payout. */
    public record Payout(String noOrder, String supplier, long amountFen, Status status, String oidPaybill,
                         String confirmCode, String problem) {
        Payout with(Status newStatus) {
            return new Payout(noOrder, supplier, amountFen, newStatus, oidPaybill, confirmCode, problem);
        }
    }

    private final LlGateClient client;
    private final String notifyUrl;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Payout> payouts = new ConcurrentHashMap<>();
    private final Map<String, Long> paidToSupplier = new ConcurrentHashMap<>();
    private final List<String> processed = new CopyOnWriteArrayList<>();

    public SupplierPayouts(LlGateClient client, String notifyUrl, Clock clock) {
        this.client = client;
        this.notifyUrl = notifyUrl;
        this.clock = clock;
    }

    /**
     * Pays a supplier; a field the gateway would refuse throws {@link io.llgate.client.InvalidFieldException}
     * before anything is recorded or sent. The payout is recorded before the apply is sent: its notification can arrive before the
     * apply's answer does.
     */
    public Payout pay(String supplier, String cardNo, String acctName, String amount) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(WireTime.BEIJING));
        PayoutRequest request = PayoutRequest.builder()
                .noOrder("PAY" + WireTime.dateTime(now) + String.format("%04d", sequence.incrementAndGet() % 10_000))
                .dtOrder(now)
                .moneyOrder(amount)
                .cardNo(cardNo)
                .acctName(acctName)
                .infoOrder("供应商付款 " + supplier)
                .memo("供应商付款")
                .notifyUrl(notifyUrl)
                .build();
        payouts.put(request.noOrder(), new Payout(request.noOrder(), supplier, request.moneyOrderFen(),
                Status.SENDING, null, null, null));
        try {
            PayoutApplyResult result = client.instantPayments().apply(request);
            return switch (result) {
                case PayoutApplyResult.Accepted accepted -> afterApply(request.noOrder(), p -> new Payout(
                        p.noOrder(), p.supplier(), p.amountFen(), Status.SENT, accepted.oidPaybill(), null, null));
                case PayoutApplyResult.NeedsConfirmation held -> afterApply(request.noOrder(), p -> new Payout(
                        p.noOrder(), p.supplier(), p.amountFen(), Status.HELD, null, held.confirmCode(),
                        held.reason().name()));
            };
        } catch (LlGateException e) {
            Status status = e.outcomeUnknown() ? Status.UNKNOWN : Status.REFUSED;
            String problem = e instanceof LlGateReturnCodeException refusal
                    ? refusal.retCode() + " " + refusal.retMsg() : e.getMessage();
            return afterApply(request.noOrder(), p -> new Payout(p.noOrder(), p.supplier(), p.amountFen(), status,
                    null, null, problem));
        }
    }

    /** Confirms a held payout with the code the gateway gave. */
    public Payout confirm(String noOrder) {
        Payout held = find(noOrder).filter(p -> p.status() == Status.HELD)
                .orElseThrow(() -> new IllegalArgumentException("no held payout " + noOrder));
        PayoutApplyResult.Accepted accepted = client.instantPayments().confirm(
                PayoutConfirmation.of(noOrder, held.confirmCode(), notifyUrl));
        return payouts.compute(noOrder, (k, p) -> p.status() != Status.HELD ? p
                : new Payout(p.noOrder(), p.supplier(), p.amountFen(), Status.SENT, accepted.oidPaybill(), null, null));
    }

    /**
     * The notification callback: records the payout's result and moves the supplier's total. Runs once per
     * notification thanks to the SDK's handler, so it need not guard against copies itself.
     */
    public void onNotification(Notification notification) {
        if (!(notification instanceof PaymentNotification n)) {
            throw new IllegalArgumentException("this shop makes no refunds");
        }
        Payout payout = find(n.noOrder()).orElseThrow(() -> new IllegalStateException("unknown payout " + n.noOrder()));
        switch (n.resultPay()) {
            case SUCCESS -> {
                paidToSupplier.merge(payout.supplier(), payout.amountFen(), Long::sum);
                payouts.put(n.noOrder(), payout.with(Status.PAID));
            }
            case FAILURE -> payouts.put(n.noOrder(), payout.with(Status.FAILED));
            case CANCEL -> {
                paidToSupplier.merge(payout.supplier(), -payout.amountFen(), Long::sum);
                payouts.put(n.noOrder(), payout.with(Status.REVERSED));
            }
            default -> throw new IllegalStateException("unexpected result " + n.resultPay());
        }
        processed.add(n.noOrder() + " " + n.resultPay());
    }

    public Optional<Payout> find(String noOrder) {
        return Optional.ofNullable(payouts.get(noOrder));
    }

    /** What the supplier has been paid, in fen. */
    public long paidTo(String supplier) {
        return paidToSupplier.getOrDefault(supplier, 0L);
    }

    /** Every notification the shop processed, as "no_order result", in order. */
    public List<String> processed() {
        return List.copyOf(processed);
    }

    /** Applies the apply's answer unless a notification already moved the payout on. */
    private Payout afterApply(String noOrder, UnaryOperator<Payout> update) {
        return payouts.compute(noOrder, (k, p) -> p.status() == Status.SENDING ? update.apply(p) : p);
    }
}
