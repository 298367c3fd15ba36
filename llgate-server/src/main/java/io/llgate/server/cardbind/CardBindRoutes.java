package io.llgate.server.cardbind;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.card.AgreementOwner;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardInput;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.llgate.server.http.ReplyFormat;
import io.llgate.server.http.ReplyFormat.ListDefault;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Card binding's endpoints (spec 22): apply {@code /bankcardbind.htm} and the MPAY apply {@code /v1/bankcardbind}
 * (21 §4), verify at both documented paths and their
 * correctly spelled aliases (C1), unbind {@code /bankcardunbind.htm} and the list {@code /bankcardbindlist.htm}; all
 * plain signed JSON with signed replies, the list's {@code agreement_list} outside the signature (C7).
 */
public final class CardBindRoutes {
    static final String APPLY = "/bankcardbind.htm";
    /** 21 §4: the MPAY bind apply, inside {@code pay_load} or plain (21 M3); answered {@code 8888} (21 M5). */
    static final String MPAY_APPLY = "/v1/bankcardbind";
    /** C1: the sample's traderapi path, the endpoint line's mpayapi path, and both spelled right. */
    static final List<String> VERIFY = List.of("/bankcardbindverfy.htm", "/v1/bankcardbindverfy",
            "/bankcardbindverify.htm", "/v1/bankcardbindverify");
    static final String UNBIND = "/bankcardunbind.htm";
    static final String LIST = "/bankcardbindlist.htm";
    /** §3: {@code api_version} is fixed at {@code 2.1}. */
    private static final Set<String> API_VERSIONS = Set.of("2.1");
    /** 21 §4, M17: the pay types the MPAY bind apply takes. */
    private static final Set<BindPayType> MPAY_PAY_TYPES = Set.of(BindPayType.QUICK_DEBIT, BindPayType.QUICK_CREDIT,
            BindPayType.NEW_VERIFIED, BindPayType.AMERICAN_EXPRESS);
    private static final int USER_ID_MAX = 32;
    private static final int PLATFORM_MAX = 32;
    /** C11: other products' requests give {@code no_order} and tokens up to 32 characters; tokens are 32 hex digits. */
    private static final int TOKEN_MAX = 32;
    private static final int NO_ORDER_MAX = 32;
    private static final int VERIFY_CODE_MAX = 16;
    /** C13, C17: a zero-based index of at most 8 digits, sent as a string or a JSON number. */
    private static final String OFFSET = "\\d{1,8}";

    private final CardBindings bindings;
    private final MerchantApi api;
    private final Clock clock;

    CardBindRoutes(CardBindings bindings, MerchantApi api, Clock clock) {
        this.bindings = bindings;
        this.api = api;
        this.clock = clock;
    }

    public void addTo(RoutesConfig routes) {
        routes.post(APPLY, api.plain(CardBindProduct.IDENTITY, this::apply));
        routes.post(MPAY_APPLY, api.sealedOrPlain(CardBindProduct.IDENTITY, this::mpayApply));
        // 21 M3: every /v1/ endpoint also takes the pay_load envelope.
        VERIFY.forEach(path -> routes.post(path, path.startsWith("/v1/")
                ? api.sealedOrPlain(CardBindProduct.IDENTITY, this::verify)
                : api.plain(CardBindProduct.IDENTITY, this::verify)));
        routes.post(UNBIND, api.plain(CardBindProduct.IDENTITY, this::unbind));
        routes.post(LIST, api.plain(CardBindProduct.IDENTITY,
                ReplyFormat.carrying(CardBindMessages.AGREEMENT_LIST, ListDefault.SIGNED_WITHOUT), this::list));
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        String userId = FieldChecks.text(r, "user_id", USER_ID_MAX);
        Optional<String> platform = FieldChecks.optionalText(r, "platform", PLATFORM_MAX);
        BindPayType payType = payType(r.required("pay_type"));
        FieldChecks.version(r, "api_version", true, API_VERSIONS);
        RiskItem.parse(r.required("risk_item"));
        BindRequest request = new BindRequest(userId, platform, payType, CardInput.read(r::optional, clock),
                Optional.empty());
        CardBindings.Applied applied = bindings.apply(r.merchant().ref(), r.merchant().name(), request);
        return CardBindMessages.applied(Replies.success(r.merchant().oidPartner()), applied);
    }

    /**
     * The MPAY bind apply (21 §4): the traderapi apply's checks, but {@code api_version} may be absent (M9), an absent
     * {@code id_type} is the ID card (M18), and the reply is {@code 8888} echoing {@code no_order} and
     * {@code dt_order}, which the verify then checks and echoes.
     */
    private LinkedHashMap<String, String> mpayApply(ApiRequest r) {
        String userId = FieldChecks.text(r, "user_id", USER_ID_MAX);
        Optional<String> platform = FieldChecks.optionalText(r, "platform", PLATFORM_MAX);
        BindPayType payType = BindPayType.of(r.required("pay_type"))
                .filter(MPAY_PAY_TYPES::contains)
                .orElseThrow(() -> Refusal.badField("pay_type"));
        FieldChecks.version(r, "api_version", false, API_VERSIONS);
        RiskItem.parse(r.required("risk_item"));
        CardInput card = CardInput.readMpay(r::optional, clock);
        FieldChecks.optionalUrl(r, "notify_url", 128);
        Optional<String> noOrder = FieldChecks.optionalText(r, "no_order", NO_ORDER_MAX);
        Optional<String> dtOrder = r.optional("dt_order").map(v -> FieldChecks.dateTime(r, "dt_order"));
        CardBindings.Applied applied = bindings.apply(r.merchant().ref(), r.merchant().name(),
                new BindRequest(userId, platform, payType, card, noOrder));
        LinkedHashMap<String, String> reply = Replies.start(RetCode.SMS_SENT_VERIFY_AGAIN.code(),
                RetCode.SMS_SENT_VERIFY_AGAIN.message(), r.merchant().oidPartner());
        CardBindMessages.applied(reply, applied);
        noOrder.ifPresent(v -> reply.put("no_order", v));
        dtOrder.ifPresent(v -> reply.put("dt_order", v));
        return reply;
    }

    private LinkedHashMap<String, String> verify(ApiRequest r) {
        String token = FieldChecks.text(r, "token", TOKEN_MAX);
        String userId = FieldChecks.text(r, "user_id", USER_ID_MAX);
        String verifyCode = FieldChecks.text(r, "verify_code", VERIFY_CODE_MAX);
        Optional<String> noOrder = FieldChecks.optionalText(r, "no_order", NO_ORDER_MAX);
        CardBindings.Bound bound = bindings.verify(r.merchant().ref(), userId, token, verifyCode, noOrder);
        return CardBindMessages.bound(Replies.success(r.merchant().oidPartner()), bound);
    }

    private LinkedHashMap<String, String> unbind(ApiRequest r) {
        String userId = FieldChecks.text(r, "user_id", USER_ID_MAX);
        AgreementOwner owner = owner(r);
        Optional<BindPayType> payType = r.optional("pay_type").map(CardBindRoutes::payType);
        String noAgree = CardFields.noAgree(r.required(CardFields.NO_AGREE));
        bindings.unbind(owner, userId, noAgree, payType);
        return Replies.success(r.merchant().oidPartner());
    }

    private LinkedHashMap<String, String> list(ApiRequest r) {
        String userId = FieldChecks.text(r, "user_id", USER_ID_MAX);
        AgreementOwner owner = owner(r);
        Optional<BindPayType> payType = r.optional("pay_type").map(CardBindRoutes::payType);
        Optional<String> noAgree = r.optional(CardFields.NO_AGREE).map(CardFields::noAgree);
        Optional<String> cardNo = r.optional(CardFields.CARD_NO).map(CardFields::cardNo);
        // C4: an absent offset is 0.
        String offset = r.optional("offset").orElse("0");
        if (!offset.matches(OFFSET)) {
            throw Refusal.badField("offset");
        }
        CardBindings.Listing listing = bindings.list(owner, userId, payType, noAgree, cardNo, Integer.parseInt(offset));
        return CardBindMessages.listed(Replies.success(r.merchant().oidPartner()), userId, listing);
    }

    /** The merchant's users, or those of the platform the request names. */
    private static AgreementOwner owner(ApiRequest r) {
        return new AgreementOwner(r.merchant().id(), FieldChecks.optionalText(r, "platform", PLATFORM_MAX).orElse(null));
    }

    private static BindPayType payType(String code) {
        return BindPayType.of(code).orElseThrow(() -> Refusal.badField("pay_type"));
    }
}
