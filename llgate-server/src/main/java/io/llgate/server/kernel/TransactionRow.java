package io.llgate.server.kernel;

import java.time.Instant;
import java.util.Comparator;

/**
 * One transaction of any product as operators list it: whose it is, the numbers it is known by, its amount, its
 * state and when it was made and last changed. Lists run newest first in {@link #ORDER}, the order keyset pages
 * follow across products.
 *
 * @param merchantId   the merchant's row id; the service labels the row with its {@code oid_partner}
 * @param noOrder      the merchant's order number (for a refund, the refunded payment's)
 * @param oidPaybill   the gateway's order number, once it has one (for a refund, the refunded payment's)
 * @param refundNumber a refund's {@code oid_refundno}; null for other transactions
 * @param status       the product's own state name, such as {@code SUCCESS} or {@code CHECK}
 */
public record TransactionRow(TransactionRef ref, long merchantId, String noOrder, String oidPaybill,
                             String refundNumber, Money amount, String status, Instant createdAt, Instant updatedAt) {

    /** Newest first; at the same instant by product id, then newest id first: a total order over every product. */
    public static final Comparator<TransactionRow> ORDER = Comparator
            .comparing(TransactionRow::createdAt, Comparator.reverseOrder())
            .thenComparing(row -> row.ref().product().id())
            .thenComparing(row -> row.ref().id(), Comparator.reverseOrder());

    /** Where a page that ends with this row continues. */
    public TransactionCursor cursor() {
        return new TransactionCursor(createdAt, ref.product().id(), ref.id());
    }
}
