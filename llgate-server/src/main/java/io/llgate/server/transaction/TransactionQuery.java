package io.llgate.server.transaction;

import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.TransactionCursor;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One page of the transaction list asked for: every filter is optional (null or empty means any).
 *
 * @param products   the products to list; empty for all
 * @param merchant   the merchant's {@code oid_partner}
 * @param status     a product state name, such as {@code SUCCESS}
 * @param from       created at or after
 * @param to         created before
 * @param search     a {@code no_order}, {@code oid_paybill}, {@code oid_refundno} or {@code no_refund}
 * @param after      where the previous page ended
 */
public record TransactionQuery(Set<ProductIdentity> products, String merchant, String status, Instant from,
                               Instant to, String search, Optional<TransactionCursor> after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public TransactionQuery {
        products = Set.copyOf(products);
    }
}
