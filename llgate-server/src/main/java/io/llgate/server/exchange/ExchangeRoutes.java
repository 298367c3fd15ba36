package io.llgate.server.exchange;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardInput;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import io.llgate.server.security.MerchantUrlGuard;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exchange payment's API: apply {@code /exchange/v1/bankcardpayapply} (23 §4), verify
 * {@code /exchange/v1/bankcardpayverify} (§5) and the result query {@code /exchangeorderquery.htm} (§7), plain signed
 * JSON. Fields are checked in the order of the spec's tables.
 */
final class ExchangeRoutes {
    static final String APPLY = "/exchange/v1/bankcardpayapply";
    static final String VERIFY = "/exchange/v1/bankcardpayverify";
    static final String QUERY = "/exchangeorderquery.htm";
    /** Minutes an unpaid order lives when {@code valid_order} is absent: 7 days. */
    static final int DEFAULT_VALID_ORDER_MINUTES = 10_080;
    private static final Set<String> API_VERSIONS = Set.of("1.0");
    private static final String TIME_STAMP = "time_stamp";
    /** X13: the redirect APIs' spelling, accepted too. */
    private static final String TIMESTAMP = "timestamp";
    /** What a repeated apply need not send again unchanged (X9): the signature and the time of the request. */
    private static final Set<String> NOT_THE_ORDER = Set.of(Fields.SIGN, Fields.SIGN_TYPE, TIME_STAMP, TIMESTAMP);

    private final ExchangePayments payments;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;
    private final Clock clock;

    ExchangeRoutes(ExchangePayments payments, MerchantApi api, MerchantUrlGuard urlGuard, Clock clock) {
        this.payments = payments;
        this.api = api;
        this.urlGuard = urlGuard;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.post(APPLY, api.plain(ExchangeProduct.IDENTITY, this::apply));
        routes.post(VERIFY, api.plain(ExchangeProduct.IDENTITY, this::verify));
        routes.post(QUERY, api.plain(ExchangeProduct.IDENTITY, this::query));
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        ExchangeOrder order = payments.apply(r.merchant(), application(r));
        return payments.messages().applied(r.merchant().ref(), order);
    }

    private LinkedHashMap<String, String> verify(ApiRequest r) {
        FieldChecks.version(r, Fields.API_VERSION, true, API_VERSIONS);
        timeStamp(r);
        String userId = FieldChecks.text(r, ExchangeMessages.USER_ID, 32);
        String token = FieldChecks.text(r, ExchangeMessages.TOKEN, 64);
        String verifyCode = FieldChecks.matching(r, "verify_code", "[0-9]{6}");
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        ExchangeOrder order = payments.verify(r.merchant(), noOrder, userId, token, verifyCode);
        return payments.messages().verified(r.merchant().ref(), order);
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 18);
        ExchangeOrder order = payments.find(r.merchant().ref(), new OrderLookup(Optional.of(noOrder), oidPaybill))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        return payments.messages().queried(r.merchant().ref(), order, order.statusAt(clock.instant()));
    }

    /** Checks the apply's fields in the order of the spec's table (§4) and the choices of its Ambiguities. */
    ExchangeApplication application(ApiRequest r) {
        FieldChecks.version(r, Fields.API_VERSION, true, API_VERSIONS);
        timeStamp(r);
        String userId = FieldChecks.text(r, ExchangeMessages.USER_ID, 32);
        Optional<String> platform = FieldChecks.optionalText(r, "platform", 32);
        String busiPartner = FieldChecks.matching(r, Fields.BUSI_PARTNER, "101001|109001");
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        String nameGoods = FieldChecks.text(r, ExchangeMessages.NAME_GOODS, 40);
        Optional<String> infoOrder = FieldChecks.optionalText(r, Fields.INFO_ORDER, 255);
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        int validOrder = FieldChecks.validOrder(r, DEFAULT_VALID_ORDER_MINUTES);
        String riskItem = r.required("risk_item");
        RiskItem.parse(riskItem);
        ExchangePayType payType = ExchangePayType.byCode(r.required(Fields.PAY_TYPE))
                .orElseThrow(() -> Refusal.badField(Fields.PAY_TYPE));
        Currency currency = currency(r, ExchangeMessages.CURRENCY_ORDER);
        Money money = money(r, currency);
        if (!currency.equals(currency(r, ExchangeMessages.CURRENCY_SETTLE))) {
            throw Refusal.badField(ExchangeMessages.CURRENCY_SETTLE);
        }
        // X8: with no_agree, the binding's elements stand in for the card's; any sent are ignored.
        Optional<String> noAgree = r.optional(CardFields.NO_AGREE).map(CardFields::noAgree);
        Optional<CardInput> card = noAgree.isPresent() ? Optional.empty() : Optional.of(card(r, payType));
        return new ExchangeApplication(userId, platform, busiPartner, noOrder, dtOrder, nameGoods, infoOrder, notifyUrl,
                validOrder, riskItem, payType, money, noAgree, card, orderFields(r));
    }

    /** {@code time_stamp}, or {@code timestamp} (X13): within 30 minutes of the gateway's clock. */
    private void timeStamp(ApiRequest r) {
        String name = r.optional(TIME_STAMP).isEmpty() && r.optional(TIMESTAMP).isPresent() ? TIMESTAMP : TIME_STAMP;
        FieldChecks.recentTimestamp(r, name, clock.instant());
    }

    private static Currency currency(ApiRequest r, String name) {
        return Currencies.of(r.required(name)).orElseThrow(() -> Refusal.badField(name));
    }

    /** {@code money_order}: 0.01 to 100,000,000.00 with at most two decimals; whole units for JPY (X10). */
    private static Money money(ApiRequest r, Currency currency) {
        long hundredths = FieldChecks.amount(r, Fields.MONEY_ORDER);
        if (!Currencies.holds(currency, hundredths)) {
            throw Refusal.badField(Fields.MONEY_ORDER);
        }
        return Money.of(hundredths, currency);
    }

    /**
     * The card's elements: a credit card's expiry and CVV2 (needed with {@code pay_type} {@code N}, and whenever the
     * issuer says the card is a credit card), then the four elements; the identity document is optional (X11).
     */
    private CardInput card(ApiRequest r, ExchangePayType payType) {
        if (payType == ExchangePayType.CREDIT) {
            r.required(CardFields.VALI_DATE);
            r.required(CardFields.CVV2);
        }
        return CardInput.read(r::optional, clock, false);
    }

    /** Every field but the signature and the request time, by name: what a repeat of the apply must send unchanged. */
    private static String orderFields(ApiRequest r) {
        TreeMap<String, String> fields = new TreeMap<>();
        for (Map.Entry<String, String> field : r.fields().entrySet()) {
            String name = field.getKey().strip();
            if (!NOT_THE_ORDER.contains(name) && field.getValue() != null && !field.getValue().isEmpty()) {
                fields.put(name, field.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append('=').append(value).append('&'));
        return text.toString();
    }
}
