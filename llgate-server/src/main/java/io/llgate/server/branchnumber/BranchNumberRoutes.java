package io.llgate.server.branchnumber;

import io.llgate.protocol.FieldRules;
import io.javalin.config.RoutesConfig;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.ReplyFormat;
import io.llgate.server.http.ReplyFormat.ListDefault;
import io.llgate.server.kernel.Refusal;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The branch number query, {@code /prcptcdquery.htm} (spec 14 §3b): plain signed JSON, a signed reply whose
 * {@code card_list} is a JSON array inside the sign source unless the merchant's list signing excludes it (D13).
 * {@code api_version} is ignored.
 */
public final class BranchNumberRoutes {
    private final BranchNumbers branchNumbers;
    private final MerchantApi api;

    BranchNumberRoutes(BranchNumbers branchNumbers, MerchantApi api) {
        this.branchNumbers = branchNumbers;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/prcptcdquery.htm", api.plain(BranchNumberProduct.IDENTITY,
                ReplyFormat.carrying(BranchNumberMessages.LIST, ListDefault.SIGNED_OVER), this::query));
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        Optional<String> bankCode = FieldChecks.optionalMatching(r, "bank_code", "\\d{8}");
        Optional<String> cardNo = FieldChecks.optionalMatching(r, "card_no", FieldRules.BIN_CARD_NO);
        if (bankCode.isEmpty() && cardNo.isEmpty()) {
            throw Refusal.badField("bank_code");
        }
        BranchSearch search = new BranchSearch(bankCode, cardNo, FieldChecks.optionalMatching(r, "city_code", FieldRules.CITY_CODE),
                FieldChecks.optionalText(r, "brabank_name", FieldRules.BRABANK_NAME_MAX));
        return BranchNumberMessages.reply(branchNumbers.search(search));
    }
}
