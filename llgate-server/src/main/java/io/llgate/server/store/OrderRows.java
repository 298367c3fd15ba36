package io.llgate.server.store;

import io.llgate.server.kernel.OrderLookup;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The rows of one product's order table by the numbers that name them: its id, a merchant's {@code no_order} and/or
 * {@code oid_paybill} (at most two, read or locked in id order). The product's store owns the table and passes its
 * name and the mapping of its rows.
 */
public record OrderRows(String table) {

    public OrderRows {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
    }

    /** The row {@code id}. */
    public <T> T byId(Handle h, long id, RowMapper<T> mapper) {
        return h.createQuery("SELECT * FROM " + table + " WHERE id = :id")
                .bind("id", id)
                .map(mapper)
                .one();
    }

    /** The merchant's order {@code no_order}, locked until the transaction ends. */
    public <T> Optional<T> lockByOrder(Handle h, long merchantId, String noOrder, RowMapper<T> mapper) {
        return h.createQuery("SELECT id FROM " + table
                        + " WHERE merchant_id = :merchant AND no_order = :noOrder FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .mapTo(Long.class)
                .findOne()
                .map(id -> byId(h, id, mapper));
    }

    /** The order {@code oid_paybill} of any merchant, locked until the transaction ends. */
    public <T> Optional<T> lockByPaybill(Handle h, String oidPaybill, RowMapper<T> mapper) {
        return h.createQuery("SELECT id FROM " + table + " WHERE oid_paybill = :paybill FOR UPDATE")
                .bind("paybill", oidPaybill)
                .mapTo(Long.class)
                .findOne()
                .map(id -> byId(h, id, mapper));
    }

    /** The named rows, in id order. */
    public <T> List<T> named(Handle h, long merchantId, OrderLookup lookup, RowMapper<T> mapper) {
        return h.createQuery("SELECT * FROM " + table + " WHERE id IN (" + idsNamed() + ") ORDER BY id")
                .bind("merchant", merchantId)
                .bind("noOrder", lookup.noOrder().orElse(null))
                .bind("paybill", lookup.oidPaybill().orElse(null))
                .map(mapper)
                .list();
    }

    /**
     * The named rows, each locked until the transaction ends; one at a time and in id order, so that two requests
     * never wait for each other's rows.
     */
    public <T> List<T> lockNamed(Handle h, long merchantId, OrderLookup lookup, RowMapper<T> mapper) {
        List<Long> ids = h.createQuery(idsNamed())
                .bind("merchant", merchantId)
                .bind("noOrder", lookup.noOrder().orElse(null))
                .bind("paybill", lookup.oidPaybill().orElse(null))
                .mapTo(Long.class)
                .list();
        return ids.stream().sorted()
                .flatMap(id -> h.createQuery("SELECT * FROM " + table + " WHERE id = :id FOR UPDATE")
                        .bind("id", id)
                        .map(mapper)
                        .findOne()
                        .stream())
                .toList();
    }

    /** The statement finding the named rows' ids (bound {@code :merchant}, {@code :noOrder}, {@code :paybill}). */
    public String idsNamed() {
        return "SELECT id FROM " + table + " WHERE merchant_id = :merchant AND no_order = :noOrder UNION "
                + "SELECT id FROM " + table + " WHERE merchant_id = :merchant AND oid_paybill = :paybill";
    }
}
