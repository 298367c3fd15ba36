package io.llgate.server.kernel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * A product's table as the transaction list reads it, declared by the product's store (the only class that names
 * the table): its rows' {@code SELECT ... FROM}, with no WHERE, over a table with {@code id}, {@code merchant_id},
 * {@code status} and a creation time ({@code created_at}, or the column the table names it by); the columns a search
 * looks in; the product's state names; and how a row maps to a {@link TransactionRow}. It runs the one statement
 * shape of every product's page: the filter, the keyset condition for the product, and the order. The keyset reads
 * {@code created_at <= :at} before the tie, so an index on {@code (created_at, id)} (or
 * {@code (merchant_id, created_at, id)}) serves every page, however deep.
 *
 * @param created       the column of the creation time the list orders and filters by
 * @param searchColumns the columns the filter's search text is looked up in (equality, each indexed)
 * @param statuses      every state name the product's transactions can have
 */
public record TransactionTable(ProductIdentity product, String select, String created, List<String> searchColumns,
                               List<String> statuses, RowMapper<TransactionRow> rows) {

    public TransactionTable {
        searchColumns = List.copyOf(searchColumns);
        statuses = List.copyOf(statuses);
    }

    /** The table of a product whose states are the constants of {@code states}. */
    public static TransactionTable of(ProductIdentity product, Class<? extends Enum<?>> states, String select,
                                      List<String> searchColumns, RowMapper<TransactionRow> rows) {
        return of(product, states, select, "created_at", searchColumns, rows);
    }

    /** The same for a table whose creation time is the column {@code created}. */
    public static TransactionTable of(ProductIdentity product, Class<? extends Enum<?>> states, String select,
                                      String created, List<String> searchColumns, RowMapper<TransactionRow> rows) {
        return new TransactionTable(product, select, created, searchColumns,
                Arrays.stream(states.getEnumConstants()).map(Enum::name).toList(), rows);
    }

    /** Up to {@code limit} rows that match, after the cursor when one is given, in {@link TransactionRow#ORDER}. */
    public List<TransactionRow> page(Handle h, TransactionSource.Filter f, Optional<TransactionCursor> after,
                                     int limit) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> values = new HashMap<>();
        condition(sql, values, "merchant_id = :merchant", "merchant", f.merchantId());
        condition(sql, values, "status = :status", "status", f.status());
        condition(sql, values, created + " >= :from", "from", f.from());
        condition(sql, values, created + " < :to", "to", f.to());
        if (f.search() != null) {
            sql.append(" AND (").append(String.join(" OR ", searchColumns.stream().map(c -> c + " = :search").toList()))
                    .append(')');
            values.put("search", f.search());
        }
        after.ifPresent(cursor -> {
            values.put("at", cursor.createdAt());
            switch (cursor.tieFor(product)) {
                case SHOWN -> sql.append(" AND ").append(created).append(" < :at");
                case TO_COME -> sql.append(" AND ").append(created).append(" <= :at");
                case BY_ID -> {
                    sql.append(" AND ").append(created).append(" <= :at AND (").append(created)
                            .append(" < :at OR id < :afterId)");
                    values.put("afterId", cursor.id());
                }
            }
        });
        sql.append(" ORDER BY ").append(created).append(" DESC, id DESC LIMIT :limit");
        values.put("limit", limit);
        Query query = h.createQuery(sql.toString());
        values.forEach(query::bind);
        return query.map(rows).list();
    }

    /** The row of the transaction with this id. */
    public Optional<TransactionRow> row(Handle h, long id) {
        return h.createQuery(select + " WHERE id = :id").bind("id", id).map(rows).findOne();
    }

    private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name,
                                  Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.put(name, value);
        }
    }
}
