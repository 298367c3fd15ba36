package io.llgate.server.easypay;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.Fields;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardInput;
import io.llgate.server.card.Cvv2;
import io.llgate.server.card.IdType;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import io.llgate.server.security.MerchantUrlGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Easypay's direct API: apply {@code /easypay.htm} (20 §6) and verify {@code /easypayverify.htm} (§7), plain signed
 * JSON. Fields are checked in the order of the spec's tables; the card's own checks (which need its issuer's word on
 * whether it is a credit card) are the service's.
 */
final class EasypayRoutes {
    /** Minutes an unpaid order lives when {@code valid_order} is absent: 7 days. */
    static final int DEFAULT_VALID_ORDER_MINUTES = 10_080;
    private static final Set<String> API_VERSIONS = Set.of("1.0");

    private final EasypayPayments payments;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;
    private final Clock clock;

    EasypayRoutes(EasypayPayments payments, MerchantApi api, MerchantUrlGuard urlGuard, Clock clock) {
        this.payments = payments;
        this.api = api;
        this.urlGuard = urlGuard;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/easypay.htm", api.plain(EasypayProduct.IDENTITY, this::apply));
        routes.post("/easypayverify.htm", api.plain(EasypayProduct.IDENTITY, this::verify));
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        EasypayPayments.Outcome outcome = payments.apply(r.merchant(), application(r));
        return messages().applied(r.merchant().ref(), outcome.order(), outcome.resent());
    }

    private LinkedHashMap<String, String> verify(ApiRequest r) {
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String token = FieldChecks.text(r, EasypayMessages.TOKEN, 64);
        // E10: dt_order is optional; when sent it must be the order's.
        Optional<String> dtOrder = r.optional(Fields.DT_ORDER).map(v -> FieldChecks.dateTime(r, Fields.DT_ORDER));
        long money = FieldChecks.amount(r, Fields.MONEY_ORDER);
        String verifyCode = FieldChecks.text(r, "verify_code", 6);
        EasypayPayments.Outcome outcome = payments.verify(r.merchant(), noOrder, token, dtOrder, money, verifyCode);
        return messages().verified(r.merchant().ref(), outcome.order());
    }

    private EasypayMessages messages() {
        return payments.messages();
    }

    /** Checks the apply's fields in the order of the spec's table (§6) and the tolerances of its Ambiguities. */
    EasypayApplication application(ApiRequest r) {
        FieldChecks.version(r, Fields.API_VERSION, true, API_VERSIONS);
        String userId = FieldChecks.text(r, "user_id", 32);
        Optional<String> platform = FieldChecks.optionalText(r, "platform", 32);
        String busiPartner = FieldChecks.matching(r, Fields.BUSI_PARTNER, "101001|109001");
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        String nameGoods = FieldChecks.text(r, EasypayMessages.NAME_GOODS, 40);
        Optional<String> infoOrder = FieldChecks.optionalText(r, Fields.INFO_ORDER, 255);
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        int validOrder = FieldChecks.validOrder(r, DEFAULT_VALID_ORDER_MINUTES);
        String riskItem = r.required("risk_item");
        RiskItem.parse(riskItem);
        // E13: M, F, and N read as M; the requested code is echoed.
        PayType payType = PayType.byCode(r.required(Fields.PAY_TYPE)).orElseThrow(() -> Refusal.badField(Fields.PAY_TYPE));
        long money = FieldChecks.amount(r, Fields.MONEY_ORDER);
        // E6: with no_agree, the binding's elements stand in for the card's; any sent are ignored.
        Optional<String> noAgree = r.optional(CardFields.NO_AGREE).map(CardFields::noAgree);
        Optional<CardInput> card = noAgree.isPresent() ? Optional.empty() : Optional.of(cardInput(r));
        Optional<String> bankCode = r.optional(Fields.BANK_CODE).map(v -> FieldChecks.matching(r, Fields.BANK_CODE, "\\d{8,18}"));
        Optional<String> clientChnl = r.optional("client_chnl").map(v -> FieldChecks.matching(r, "client_chnl", "10|13|16|18"));
        return new EasypayApplication(userId, platform, busiPartner, noOrder, dtOrder, nameGoods, infoOrder, notifyUrl,
                validOrder, riskItem, payType, money, clientChnl, bankCode, noAgree, card);
    }

    /** The card's elements in the table's order: expiry and CVV2 when sent, then the four elements. */
    private CardInput cardInput(ApiRequest r) {
        Optional<String> valiDate = r.optional(CardFields.VALI_DATE).map(v -> CardFields.valiDate(v, clock));
        Optional<Cvv2> cvv2 = r.optional(CardFields.CVV2).map(CardFields::cvv2);
        IdType idType = CardFields.idType(r.optional(CardFields.ID_TYPE).orElse(null));
        String idNo = CardFields.idNo(idType, r.optional(CardFields.ID_NO).orElse(null));
        String acctName = CardFields.acctName(r.optional(CardFields.ACCT_NAME).orElse(null));
        String cardNo = CardFields.cardNo(r.optional(CardFields.CARD_NO).orElse(null));
        String bindMob = CardFields.bindMob(r.optional(CardFields.BIND_MOB).orElse(null));
        return new CardInput(cardNo, acctName, idType.code(), idNo, bindMob, valiDate, cvv2);
    }
}
