package io.llgate.server.kernel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What a product with transactions contributes to the operators' transaction list and pages, read from its own
 * tables: a keyset page of its rows, one transaction in detail, and the refunds of another product's payment when
 * it is the product that refunds. The transaction service merges every product's pages in
 * {@link TransactionRow#ORDER}.
 */
public interface TransactionSource {

    /** Which transactions to take; null means any. {@code from} is included, {@code to} excluded (creation time). */
    record Filter(Long merchantId, String status, Instant from, Instant to, String search) {
    }

    /** One moment of a transaction's life, as its product recorded it. */
    record Event(Instant at, String what) {
    }

    /**
     * One transaction in detail.
     *
     * @param notificationReference the reference its notifications are queued under; null while it has none
     * @param timeline              its moments, oldest first
     * @param facts                 further fields an operator reads, in display order; card numbers masked
     * @param refundOf              for a refund, the payment it returns money of
     */
    record Detail(TransactionRow row, String notificationReference, List<Event> timeline, Map<String, String> facts,
                  Optional<TransactionRef> refundOf) {
    }

    /** Its table as the list reads it: its pages, its rows, its state names (a filter on another skips it). */
    TransactionTable table();

    Optional<Detail> detail(Handle h, long id);

    /** Its transactions that refund {@code payment}, oldest first; only the product that makes refunds has any. */
    default List<TransactionRow> refundsOf(Handle h, TransactionRef payment) {
        return List.of();
    }
}
