package io.llgate.server.ledger;

import io.llgate.protocol.Amounts;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.javalin.config.RoutesConfig;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /traderAcctQuery.htm}: the merchant's available and unsettled balances, in CNY unless the request names
 * another supported currency in the optional {@code currency} field (an LLGate extension, for merchants settled in
 * the currencies of exchange payments); any other value of it is 1004.
 */
public final class BalanceRoutes {
    /** The request field naming the balances' currency, and the reply field echoing it. */
    static final String CURRENCY = "currency";

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final MerchantApi api;

    public BalanceRoutes(Jdbi jdbi, Ledger ledger, MerchantApi api) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/traderAcctQuery.htm", api.plain(null, this::balance));
    }

    private LinkedHashMap<String, String> balance(ApiRequest r) {
        FieldChecks.version(r, "api_version", true, Set.of("1.0", "1.1"));
        Optional<Currency> asked = FieldChecks.optionalText(r, CURRENCY, 3)
                .map(code -> Currencies.of(code).orElseThrow(() -> Refusal.badField(CURRENCY)));
        Balances balances = jdbi.withHandle(h -> ledger.balances(h, r.merchant().id(), asked.orElse(Money.CNY)));
        // I8: the reply also carries oid_partner, a harmless extra signed field.
        LinkedHashMap<String, String> reply = Replies.success(r.merchant().oidPartner());
        reply.put("amt_balance", Amounts.format(balances.available()));
        reply.put("amt_unsettle", Amounts.format(balances.unsettled()));
        // Only a request that names a currency gets it back: a CNY query's reply stays as LianLian's.
        asked.ifPresent(currency -> reply.put(CURRENCY, currency.getCurrencyCode()));
        return reply;
    }
}
