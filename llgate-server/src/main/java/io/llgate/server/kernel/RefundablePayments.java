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
}
