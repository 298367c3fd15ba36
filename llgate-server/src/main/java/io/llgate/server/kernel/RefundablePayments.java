package io.llgate.server.kernel;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** A product whose payments can be refunded: it finds and locks a merchant's payments for a refund. */
public interface RefundablePayments {

    /**
     * The merchant's payments named by the lookup's {@code no_order} and/or {@code oid_paybill}, each locked until the
     * caller's transaction ends so that refunds of one payment happen one at a time; the caller picks among them with
     * {@link OrderLookup#pick}, which answers 9092 when the two numbers name different payments.
     */
    List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup);

    /**
     * A refund of the payment {@code orderId} of {@code product} (a {@link RefundablePayment#product()}) returned money
     * to the payer, in the refund's transaction: {@code refunded} is what the payment's refunds that did not fail add
     * up to, in its currency's hundredths. Every product hears of every refund and ignores another's; a product whose
     * states show refunds (exchange payment's {@code REFUND}) records it, the others need nothing.
     */
    default void refunded(Handle h, String product, long orderId, long refunded) {
    }
}
