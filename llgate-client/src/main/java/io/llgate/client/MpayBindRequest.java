package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MPAY card bind apply (spec 21 §4): the payer, the pay type the binding is for ({@code 2}, {@code 3}, {@code P} or
 * {@code 27}), the card with its holder, and the binding request's own serial number and time, which the gateway
 * echoes and the verify repeats. Sent inside {@code pay_load}.
 *
 * @param platform the shared-user namespace, or null (only when LianLian set one up)
 * @param noOrder  the binding request's serial number, or null
 * @param dtOrder  the binding request's time {@code yyyyMMddHHmmss}, or null
 */
public record MpayBindRequest(String userId, String platform, BindPayType payType, EasypayCard card,
                              RiskItem riskItem, String noOrder, String dtOrder, String notifyUrl) {

    /** Checks every field as the gateway does. */
    public MpayBindRequest {
        Check.text("user_id", userId, 32);
        platform = Check.optionalText("platform", platform, 32);
        Check.required("pay_type", payType);
        if (payType != BindPayType.QUICK_DEBIT && payType != BindPayType.QUICK_CREDIT
                && payType != BindPayType.NEW_VERIFIED && payType != BindPayType.AMERICAN_EXPRESS) {
            throw new InvalidFieldException("pay_type", "must be 2, 3, P or 27 for an MPAY binding");
        }
        Check.required("card_no", card);
        Check.required("risk_item", riskItem);
        noOrder = Check.optionalText("no_order", noOrder, 32);
        dtOrder = dtOrder == null ? null : Check.dateTime("dt_order", dtOrder);
        notifyUrl = notifyUrl == null ? null : Check.url("notify_url", notifyUrl, 128);
    }

    /** A binding of a debit card for quick payment ({@code pay_type} 2), with a serial number and time. */
    public static MpayBindRequest debit(String userId, EasypayCard card, RiskItem riskItem, String noOrder,
                                        String dtOrder) {
        return new MpayBindRequest(userId, null, BindPayType.QUICK_DEBIT, card, riskItem, noOrder, dtOrder, null);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("platform", platform);
        f.put("pay_type", payType.wireValue());
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("notify_url", notifyUrl);
        f.put("card_no", card.cardNo());
        f.put("vali_date", card.valiDate());
        f.put("cvv2", card.cvv2());
        f.put("acct_name", card.acctName());
        f.put("id_type", card.idType());
        f.put("id_no", card.idNo());
        f.put("bind_mob", card.bindMob());
        f.put("risk_item", riskItem.json());
        return f;
    }
}
