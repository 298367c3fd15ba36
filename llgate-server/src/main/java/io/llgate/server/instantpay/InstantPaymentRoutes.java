package io.llgate.server.instantpay;

import io.llgate.protocol.Fields;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.PayeeKind;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.Payee;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.llgate.server.reference.Branches;
import io.llgate.server.security.MerchantUrlGuard;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/** The instant payment API: apply and confirm (pay_load), and the result query. */
public final class InstantPaymentRoutes {
    static final Set<String> API_VERSIONS = Set.of("1.0", "1.1");

    private final InstantPayments payments;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;
    private final Branches branches;

    public InstantPaymentRoutes(InstantPayments payments, MerchantApi api, MerchantUrlGuard urlGuard,
                                Branches branches) {
        this.payments = payments;
        this.api = api;
        this.urlGuard = urlGuard;
        this.branches = branches;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/paymentapi/payment.htm", api.sealed(InstantPaymentProduct.IDENTITY, this::apply));
        routes.post("/paymentapi/confirmPayment.htm", api.sealed(InstantPaymentProduct.IDENTITY, this::confirm));
        routes.post("/paymentapi/queryPayment.htm", api.plain(InstantPaymentProduct.IDENTITY, this::query));
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        PayoutApplication app = application(r, urlGuard, branches);
        InstantPayments.Outcome outcome = payments.apply(r.merchant().ref(), app);
        LinkedHashMap<String, String> reply = Replies.start(outcome.code().code(), outcome.code().message(),
                r.merchant().oidPartner());
        reply.putAll(PayoutMessages.applied(app.noOrder(), outcome));
        return reply;
    }

    private LinkedHashMap<String, String> confirm(ApiRequest r) {
        FieldChecks.version(r, Fields.API_VERSION, true, API_VERSIONS);
        String confirmCode = FieldChecks.text(r, "confirm_code", 6);
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        InstantPayments.Outcome outcome = payments.confirm(r.merchant().ref(), noOrder, confirmCode, notifyUrl);
        LinkedHashMap<String, String> reply = Replies.start(outcome.code().code(), outcome.code().message(),
                r.merchant().oidPartner());
        reply.putAll(PayoutMessages.confirmed(noOrder, outcome));
        return reply;
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        // I4: the table says query_version, the sample and SDK send api_version; either or neither.
        FieldChecks.version(r, "query_version", false, API_VERSIONS);
        FieldChecks.version(r, Fields.API_VERSION, false, API_VERSIONS);
        Optional<String> noOrder = FieldChecks.optionalText(r, Fields.NO_ORDER, 32);
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField(Fields.NO_ORDER);
        }
        InstantPayment order = payments.find(r.merchant().ref(), new OrderLookup(noOrder, oidPaybill))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        LinkedHashMap<String, String> reply = Replies.success(r.merchant().oidPartner());
        reply.putAll(PayoutMessages.result(order));
        return reply;
    }

    /** Checks the apply fields in the order of the spec's table. */
    static PayoutApplication application(ApiRequest r, MerchantUrlGuard urlGuard, Branches branches) {
        String apiVersion = FieldChecks.version(r, Fields.API_VERSION, true, API_VERSIONS).orElseThrow();
        // I2: 0 a personal card; 1 (Chinese table, LianLian's SDK) and 2 (English pages) a corporate account.
        String flagCard = FieldChecks.matching(r, "flag_card", FieldRules.FLAG_CARD);
        PayeeKind payeeKind = PayeeKind.ofFlagCard(flagCard).orElseThrow(() -> Refusal.badField("flag_card"));
        long money = FieldChecks.amount(r, Fields.MONEY_ORDER);
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        String cardNo = FieldChecks.matching(r, Fields.CARD_NO, FieldRules.CARD_NO);
        String acctName = FieldChecks.text(r, "acct_name", 100);
        String infoOrder = FieldChecks.text(r, Fields.INFO_ORDER, 255);
        // I12: filter first, then count.
        String memo = FieldRules.filterMemo(r.field("memo").orElseThrow(() -> Refusal.badField("memo")));
        if (FieldRules.length(memo) > FieldRules.MEMO_MAX) {
            throw Refusal.badField("memo");
        }
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        Payee payee = payeeKind == PayeeKind.PERSONAL
                ? Payee.personal()
                : corporatePayee(r, branches);
        return new PayoutApplication(noOrder, dtOrder, money, flagCard, payee, cardNo, acctName, infoOrder, memo,
                notifyUrl, apiVersion);
    }

    /**
     * I2: a corporate account needs its bank; its branch ({@code prcptcd}, or {@code city_code} and
     * {@code brabank_name}) is recommended, not required, and a {@code prcptcd} the branch data does not know is 5501.
     */
    private static Payee corporatePayee(ApiRequest r, Branches branches) {
        String bankCode = FieldChecks.matching(r, Fields.BANK_CODE, FieldRules.BANK_CODE);
        Optional<String> prcptcd = r.optional("prcptcd").map(v -> FieldChecks.matching(r, "prcptcd", FieldRules.PRCPTCD));
        Optional<String> cityCode = r.optional("city_code")
                .map(v -> FieldChecks.matching(r, "city_code", FieldRules.CITY_CODE));
        Optional<String> brabankName = FieldChecks.optionalText(r, "brabank_name", FieldRules.BRABANK_NAME_MAX);
        if (prcptcd.isPresent() && branches.find(prcptcd.get()).isEmpty()) {
            throw Refusal.of(RetCode.BANK_NUMBER_LOOKUP_FAILED, "prcptcd");
        }
        return new Payee(PayeeKind.CORPORATE, bankCode, prcptcd.orElse(null), cityCode.orElse(null),
                brabankName.orElse(null));
    }
}
