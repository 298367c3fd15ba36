package io.llgate.server.ledger;

import io.llgate.protocol.Amounts;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** {@code /traderAcctQuery.htm}: the merchant's available and unsettled balances. */
public final class BalanceRoutes {
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
        Balances balances = jdbi.withHandle(h -> ledger.balances(h, r.merchant().id()));
        // I8: the reply also carries oid_partner, a harmless extra signed field.
        LinkedHashMap<String, String> reply = Replies.success(r.merchant().oidPartner());
        reply.put("amt_balance", Amounts.format(balances.available()));
        reply.put("amt_unsettle", Amounts.format(balances.unsettled()));
        return reply;
    }
}
