package io.llgate.server.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The one statement shape of a product's transaction page: its store gives the {@code SELECT ... FROM} of its own
 * table, whose rows have {@code id}, {@code merchant_id}, {@code status} and {@code created_at}; this adds the
 * filter, the keyset condition and the order. The keyset reads {@code created_at <= :at} before the tie, so an index
 * on {@code (created_at, id)} (or {@code (merchant_id, created_at, id)}) serves every page, however deep.
 */
public final class TransactionPageQuery {
    private TransactionPageQuery() {
    }

    /**
     * The page's query with its values bound.
     *
     * @param select        {@code SELECT <columns> FROM <table>}, with no WHERE
     * @param searchColumns the columns the filter's search text is looked up in (equality, each indexed)
     */
    public static Query of(Handle h, String select, ProductIdentity product, TransactionSource.Filter f,
                           Optional<TransactionCursor> after, int limit, List<String> searchColumns) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> values = new HashMap<>();
        condition(sql, values, "merchant_id = :merchant", "merchant", f.merchantId());
        condition(sql, values, "status = :status", "status", f.status());
        condition(sql, values, "created_at >= :from", "from", f.from());
        condition(sql, values, "created_at < :to", "to", f.to());
        if (f.search() != null) {
            sql.append(" AND (").append(String.join(" OR ", searchColumns.stream().map(c -> c + " = :search").toList()))
                    .append(')');
            values.put("search", f.search());
        }
        after.ifPresent(cursor -> {
            values.put("at", cursor.createdAt());
            switch (cursor.tieFor(product)) {
                case SHOWN -> sql.append(" AND created_at < :at");
                case TO_COME -> sql.append(" AND created_at <= :at");
                case BY_ID -> {
                    sql.append(" AND created_at <= :at AND (created_at < :at OR id < :afterId)");
                    values.put("afterId", cursor.id());
                }
            }
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        values.put("limit", limit);
        Query query = h.createQuery(sql.toString());
        values.forEach(query::bind);
        return query;
    }

    private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name,
                                  Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.put(name, value);
        }
    }
}
