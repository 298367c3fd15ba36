package io.llgate.server.kernel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The port of the payment result query ({@code /orderquery.htm}, 11 §4, 20 §12, 21 §8): a product whose orders the
 * query answers for finds the merchant's order and writes the reply's fields. The query asks every product that
 * declares one, so one endpoint serves online banking, card payments and what comes next.
 */
public interface QueriedOrders {
    /** The reply fields {@code query_version} 1.1 adds, which are never signed (O9, E18). */
    Set<String> UNSIGNED_FIELDS = Set.of("memo", "bank_name");

    /**
     * The merchant's order the lookup names, as it stands now; empty when this product has none, or its
     * {@code dt_order} is not {@code dtOrder}. 9092 when the two numbers name different orders.
     *
     * @param withMemo for {@code query_version} 1.1: add {@code memo} and {@code bank_name}
     */
    Optional<QueriedOrder> find(MerchantRef merchant, OrderLookup lookup, Optional<String> dtOrder, boolean withMemo);

    /**
     * One product's answer: the reply's fields after {@code ret_code} and {@code ret_msg}, not yet signed, when the
     * order was made, so that of two products' orders with one {@code no_order} the newer is answered, and the reply
     * fields left out of the signature for this order: {@link #UNSIGNED_FIELDS}, and for an MPAY order its masked
     * {@code card_no} too (21 M12, 00 §5.2).
     */
    record QueriedOrder(Instant createdAt, LinkedHashMap<String, String> reply, Set<String> unsignedFields) {
        public QueriedOrder {
            unsignedFields = Set.copyOf(unsignedFields);
        }

        /** An order whose reply leaves out of the signature only the fields every order's does. */
        public QueriedOrder(Instant createdAt, LinkedHashMap<String, String> reply) {
            this(createdAt, reply, UNSIGNED_FIELDS);
        }
    }
}
