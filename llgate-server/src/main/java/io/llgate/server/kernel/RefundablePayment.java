package io.llgate.server.kernel;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A payment as a refund sees it: what identifies it, whether and when it succeeded, its amount and fee (in
 * {@code currency}, the order's), and the fields its refunds copy for their report rows and notifications. A payment
 * priced in another currency than CNY names the rate the payer paid at; its refunds return yuan at that rate.
 */
public record RefundablePayment(
        String product,
        long orderId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        long fee,
        boolean succeeded,
        Instant paidAt,
        String busiPartner,
        String payType,
        String infoOrder,
        Currency currency,
        ExchangeRate rate) {

    public RefundablePayment {
        Objects.requireNonNull(currency, "currency");
        if ((rate == null) != currency.equals(Money.CNY)) {
            throw new IllegalArgumentException("a payment in " + currency + " is refunded at " + rate);
        }
        if (rate != null && !rate.currency().equals(currency)) {
            throw new IllegalArgumentException("a payment in " + currency + " names a " + rate.currency() + " rate");
        }
    }

    /** A CNY payment. */
    public RefundablePayment(String product, long orderId, String noOrder, String oidPaybill, String dtOrder,
                             long moneyOrder, long fee, boolean succeeded, Instant paidAt, String busiPartner,
                             String payType, String infoOrder) {
        this(product, orderId, noOrder, oidPaybill, dtOrder, moneyOrder, fee, succeeded, paidAt, busiPartner, payType,
                infoOrder, Money.CNY, null);
    }

    /** Whether the payment was priced in a currency other than CNY. */
    public boolean foreign() {
        return rate != null;
    }
}
