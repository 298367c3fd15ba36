package io.llgate.client.notify;

import io.llgate.client.ExchangeAmounts;
import io.llgate.client.ResultPay;
import io.llgate.client.VerifiedMessage;
import java.util.Optional;

/**
 * An exchange payment's result (spec 01 §2.6, 23 §6): a payment's fields and the price it was paid at, in the order's
 * currency, in yuan, and as settled to the merchant; the settlement fields are read under either spelling (X1).
 */
public record ExchangeNotification(String oidPartner, String noOrder, String dtOrder, String oidPaybill,
                                   ResultPay resultPay, ExchangeAmounts amounts, Optional<String> settleDate,
                                   Optional<String> infoOrder, Optional<String> payType, Optional<String> bankCode,
                                   Optional<String> noAgree, VerifiedMessage message) implements Notification {

    /** Recognised by {@code result_pay} with {@code exchange_rate}, which only exchange payments carry. */
    public static final NotificationType TYPE = new NotificationType("exchange payment",
            NotificationShape.having("result_pay", "exchange_rate").without("no_refund"), ExchangeNotification::decode);

    /** Reads an exchange payment's result from its verified fields. */
    public static ExchangeNotification decode(NotificationFields f) {
        return new ExchangeNotification(f.required("oid_partner"), f.required("no_order"), f.required("dt_order"),
                f.required("oid_paybill"), f.documented("result_pay", ResultPay::of),
                ExchangeAmounts.read(f::optional, name -> f.refused("no valid " + name)), f.optional("settle_date"),
                f.optional("info_order"), f.optional("pay_type"), f.optional("bank_code"), f.optional("no_agree"),
                f.message());
    }

    @Override
    public String transaction() {
        return oidPaybill;
    }

    @Override
    public String result() {
        return resultPay.name();
    }
}
