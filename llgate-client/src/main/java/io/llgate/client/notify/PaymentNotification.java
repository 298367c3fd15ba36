package io.llgate.client.notify;

import io.llgate.client.ResultPay;
import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * A payment's result: an instant payment (payout), spec 01 §2.1, or a pay-in such as online banking,
 * §2.2, whether posted to {@code notify_url} or brought back by the payer's browser to {@code url_return} (§3).
 *
 * @param moneyOrderFen the amount in fen
 * @param settleDate {@code yyyyMMdd}, on success
 * @param payType how a pay-in was paid ({@code 1}, {@code 8}, {@code 9} for online banking); absent for payouts
 * @param bankCode the payer's bank, for pay-ins that name it
 */
public record PaymentNotification(String oidPartner, String noOrder, String dtOrder, String oidPaybill,
                                  long moneyOrderFen, ResultPay resultPay, Optional<String> settleDate,
                                  Optional<String> infoOrder, Optional<String> payType, Optional<String> bankCode,
                                  VerifiedMessage message) implements Notification {

    /**
     * Recognised by {@code result_pay}, which every payment's result carries (spec 01 §2.1 to §2.6, §3); a refund's
     * result ({@code no_refund}) never is one.
     */
    public static final NotificationType TYPE = new NotificationType("payment",
            NotificationShape.having("result_pay").without("no_refund"), PaymentNotification::decode);

    /**
     * The card payment WEB page's return to {@code url_return} (spec 20 §4.1, E3): sent only for a success, it carries
     * {@code ret_code} {@code 0000} instead of {@code result_pay}, and {@code pay_type} as the merchant requested it.
     */
    public static final NotificationType CARD_PAGE_RETURN = new NotificationType("card payment page return",
            NotificationShape.having("ret_code", "oid_paybill").without("result_pay", "no_refund"),
            PaymentNotification::decodeCardPageReturn);

    /** Reads a payment's result from its verified fields. */
    public static PaymentNotification decode(NotificationFields f) {
        return new PaymentNotification(f.required("oid_partner"), f.required("no_order"), f.required("dt_order"),
                f.required("oid_paybill"), f.fen("money_order"), f.documented("result_pay", ResultPay::of),
                f.optional("settle_date"), f.optional("info_order"), f.optional("pay_type"), f.optional("bank_code"),
                f.message());
    }

    /** Reads the WEB card payment page's return: only {@code ret_code} 0000 is a result, a paid one. */
    public static PaymentNotification decodeCardPageReturn(NotificationFields f) {
        String retCode = f.required("ret_code");
        if (!retCode.equals("0000")) {
            throw f.refused("a card payment page returns only a success, not ret_code " + retCode);
        }
        return new PaymentNotification(f.required("oid_partner"), f.required("no_order"), f.required("dt_order"),
                f.required("oid_paybill"), f.fen("money_order"), ResultPay.SUCCESS, f.optional("settle_date"),
                f.optional("info_order"), f.optional("pay_type"), f.optional("bank_code"), f.message());
    }

    /** {@code money_order} as on the wire, with two decimals. */
    public String moneyOrder() {
        return Amounts.format(moneyOrderFen);
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
