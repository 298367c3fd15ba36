package io.llgate.server.kernel;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A product whose payments can be refunded: it finds and locks a merchant's payment for a refund. */
public interface RefundablePayments {

    /**
     * The merchant's payment named by {@code no_order} and/or {@code oid_paybill}, locked until the caller's
     * transaction ends so that refunds of one payment happen one at a time. Throws 9092 when both are given
     * and name different payments.
     */
    Optional<RefundablePayment> lockForRefund(Handle h, long merchantId, Optional<String> noOrder,
                                              Optional<String> oidPaybill);
}
