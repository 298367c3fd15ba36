package io.llgate.server.http;

import io.llgate.server.Gateway;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of every table a payment writes to, and every ledger balance. Two equal snapshots taken
 * around a request prove it wrote nothing, provided no payment is settling in the background meanwhile.
 */
public record StoreSnapshot(Map<String, Long> rows, Map<String, Long> balances) {
    private static final List<String> TABLES =
            List.of("instant_payment", "online_banking_order", "ledger_entry", "ledger_posting", "notification",
                    "sandbox_bank_transfer", "refund", "settlement");

    public static StoreSnapshot take(Gateway gateway) {
        return gateway.jdbi().withHandle(h -> {
            Map<String, Long> rows = new TreeMap<>();
            for (String table : TABLES) {
                rows.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            Map<String, Long> balances = new TreeMap<>();
            h.createQuery("SELECT account_key, balance FROM ledger_account")
                    .map((rs, ctx) -> Map.entry(rs.getString("account_key"), rs.getLong("balance")))
                    .forEach(e -> balances.put(e.getKey(), e.getValue()));
            return new StoreSnapshot(rows, balances);
        });
    }
}
