package io.llgate.server.mpay;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.Fields;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardInput;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import io.llgate.server.kernel.SharingData;
import io.llgate.server.security.MerchantUrlGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * MPAY's payment endpoints (21 §6, §7): apply {@code /v1/bankcardprepay} and verify {@code /v1/bankcardpay}, where
 * LianLian's SDK posts it, and at the apply's path for a body that is a verify (M1). Each takes the {@code pay_load}
 * envelope or plain signed JSON (M3). Fields are checked in the order of the spec's tables.
 */
final class MpayRoutes {
    static final String APPLY = "/v1/bankcardprepay";
    static final String VERIFY = "/v1/bankcardpay";
    /** Minutes an unpaid order lives when {@code valid_order} is absent: 7 days. */
    static final int DEFAULT_VALID_ORDER_MINUTES = 10_080;

    private final MpayPayments payments;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;
    private final Clock clock;

    MpayRoutes(MpayPayments payments, MerchantApi api, MerchantUrlGuard urlGuard, Clock clock) {
        this.payments = payments;
        this.api = api;
        this.urlGuard = urlGuard;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.post(APPLY, api.sealedOrPlain(MpayProduct.IDENTITY, r -> isVerify(r) ? verify(r) : apply(r)));
        routes.post(VERIFY, api.sealedOrPlain(MpayProduct.IDENTITY, this::verify));
    }

    /** M1: a body with {@code token} and {@code verify_code} and none of the apply's own fields is a verify. */
    static boolean isVerify(ApiRequest r) {
        return r.optional(MpayMessages.TOKEN).isPresent() && r.optional("verify_code").isPresent()
                && Stream.of(CardFields.CARD_NO, CardFields.NO_AGREE, Fields.BUSI_PARTNER)
                        .noneMatch(name -> r.optional(name).isPresent());
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        MpayOrder order = payments.apply(r.merchant(), application(r));
        return payments.messages().applied(r.merchant().ref(), order);
    }

    private LinkedHashMap<String, String> verify(ApiRequest r) {
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String token = FieldChecks.text(r, MpayMessages.TOKEN, 32);
        long money = FieldChecks.amount(r, Fields.MONEY_ORDER);
        String verifyCode = FieldChecks.text(r, "verify_code", 6);
        MpayOrder order = payments.verify(r.merchant(), noOrder, token, money, verifyCode);
        return payments.messages().verified(r.merchant().ref(), order);
    }

    /**
     * Checks the apply's fields in the order of the spec's table (§6) and the choices of its Ambiguities: no
     * {@code api_version} check (M9), {@code valid_order} a string or a JSON number (M20), {@code shareing_data} in
     * the aggregate format (M19), an empty value as absent (M21).
     */
    MpayApplication application(ApiRequest r) {
        String userId = FieldChecks.text(r, "user_id", 32);
        Optional<String> platform = FieldChecks.optionalText(r, "platform", 32);
        String busiPartner = FieldChecks.matching(r, Fields.BUSI_PARTNER, "101001|109001");
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        String nameGoods = FieldChecks.text(r, MpayMessages.NAME_GOODS, 40);
        Optional<String> infoOrder = FieldChecks.optionalText(r, Fields.INFO_ORDER, 255);
        long money = FieldChecks.amount(r, Fields.MONEY_ORDER);
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        int validOrder = FieldChecks.validOrder(r, DEFAULT_VALID_ORDER_MINUTES);
        String riskItem = r.required("risk_item");
        RiskItem.parse(riskItem);
        Optional<String> sharing = r.optional(SharingData.FIELD).or(() -> r.optional("sharing_data"))
                .map(text -> SharingData.check(text, money));
        MpayPayType payType = MpayPayType.byCode(r.required(Fields.PAY_TYPE))
                .orElseThrow(() -> Refusal.badField(Fields.PAY_TYPE));
        // The binding's elements stand in for the card's: those sent with no_agree are not read.
        Optional<String> noAgree = r.optional(CardFields.NO_AGREE).map(CardFields::noAgree);
        Optional<CardInput> card = noAgree.isPresent() ? Optional.empty() : Optional.of(cardInput(r));
        Optional<String> bankCode = r.optional(Fields.BANK_CODE)
                .map(v -> FieldChecks.matching(r, Fields.BANK_CODE, "\\d{8,18}"));
        return new MpayApplication(userId, platform, busiPartner, noOrder, dtOrder, nameGoods, infoOrder, money,
                notifyUrl, validOrder, riskItem, sharing, payType, bankCode, noAgree, card);
    }

    /** The card's elements, {@code id_type} the SDK's too and absent the ID card (M18); expiry and CVV2 when sent (M4). */
    private CardInput cardInput(ApiRequest r) {
        return CardInput.readMpay(r::optional, clock);
    }
}
