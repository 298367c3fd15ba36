package io.llgate.server.supportbank;

import io.javalin.config.RoutesConfig;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.ReplyFormat;
import io.llgate.server.http.ReplyFormat.ListDefault;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.reference.CardType;
import io.llgate.server.reference.CollectionChannel;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The support bank query, {@code /supportbankquery.htm} (spec 14 §3a): plain signed JSON; the answer is not
 * signed unless the merchant's list signing says so (D11, D13) and carries the list as a JSON array (D12).
 * Refusals are signed, as everywhere.
 */
public final class SupportBankRoutes {
    private static final Set<String> API_VERSIONS = Set.of("1.0");
    private static final Set<String> PRODUCT_TYPES = Set.of("1", "3");
    private static final Set<String> PAY_CHANNELS = Set.of("10", "13", "15", "16", "44", "45", "46", "55");

    private final SupportBanks banks;
    private final MerchantApi api;

    SupportBankRoutes(SupportBanks banks, MerchantApi api) {
        this.banks = banks;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        // D11: unsigned unless the merchant's list signing turns the signature on.
        routes.post("/supportbankquery.htm", api.plain(SupportBankProduct.IDENTITY,
                ReplyFormat.carrying(SupportBankMessages.LIST, ListDefault.UNSIGNED), this::query));
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        FieldChecks.version(r, "api_version", false, API_VERSIONS);
        // D17: any pair of listed values; a pair no table answers has no bank.
        CollectionChannel channel = new CollectionChannel(FieldChecks.oneOf(r, "product_type", PRODUCT_TYPES),
                FieldChecks.oneOf(r, "pay_chnl", PAY_CHANNELS));
        CardType cardType = r.optional("card_type")
                .map(code -> CardType.of(code).orElseThrow(() -> Refusal.badField("card_type")))
                .orElse(CardType.DEBIT);
        Optional<String> bankCode = FieldChecks.optionalMatching(r, "bank_code", "\\d{8}");
        return SupportBankMessages.reply(banks.accepted(channel, cardType, bankCode));
    }
}
