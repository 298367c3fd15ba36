package io.llgate.server.cardbin;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.FieldRules;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.llgate.server.kernel.Refusal;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/** The card BIN query, {@code /bankcardbin.htm} (spec 14 §3): plain signed JSON, a signed reply. */
public final class CardBinRoutes {
    /** D10: the docs fix {@code 1.0}, older merchant code sends {@code 1.1}; neither changes the answer. */
    private static final Set<String> API_VERSIONS = Set.of("1.0", "1.1");

    private final CardBinLookup cardBins;
    private final MerchantApi api;

    CardBinRoutes(CardBinLookup cardBins, MerchantApi api) {
        this.cardBins = cardBins;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/bankcardbin.htm", api.plain(CardBinProduct.IDENTITY, this::query));
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        FieldChecks.version(r, "api_version", false, API_VERSIONS);
        String cardNo = FieldChecks.matching(r, "card_no", FieldRules.BIN_CARD_NO);
        LimitPayType payType = r.optional("pay_type")
                .map(code -> LimitPayType.of(code).orElseThrow(() -> Refusal.badField("pay_type")))
                .orElse(LimitPayType.QUICK);
        boolean withLimits = flagAmtLimit(r);
        CardBinAnswer answer = cardBins.identify(cardNo, withLimits ? Optional.of(payType) : Optional.empty());
        return CardBinMessages.reply(Replies.success(r.merchant().oidPartner()), answer);
    }

    /** D10: {@code 1} adds the limits, {@code 0} or nothing leaves them out; anything else is 1004. */
    private static boolean flagAmtLimit(ApiRequest r) {
        return switch (r.optional("flag_amt_limit").orElse("0")) {
            case "0" -> false;
            case "1" -> true;
            default -> throw Refusal.badField("flag_amt_limit");
        };
    }
}
