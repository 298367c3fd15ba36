package io.llgate.client.notify;

import io.llgate.client.VerifiedMessage;

/**
 * A verified notification from the gateway: a payment's result ({@link PaymentNotification}), a refund's
 * ({@link RefundNotification}), or a kind registered in {@link NotificationTypes}. Several copies of one may arrive;
 * {@link #dedupeKey()} is the same for all of them.
 */
public interface Notification {

    /** The merchant it is for. */
    String oidPartner();

    /** The gateway's number of the transaction: {@code oid_paybill} for a payment, {@code oid_refundno} for a refund. */
    String transaction();

    /** The result it reports: {@code result_pay} for a payment, {@code sta_refund} for a refund. */
    String result();

    /** Every field as received and the exact body. */
    VerifiedMessage message();

    /**
     * The transaction and its result: equal for copies of one notification, different for a later one about the
     * same transaction (a payout's {@code SUCCESS} and then its {@code CANCEL}).
     */
    default String dedupeKey() {
        return oidPartner() + ":" + transaction() + ":" + result();
    }
}
