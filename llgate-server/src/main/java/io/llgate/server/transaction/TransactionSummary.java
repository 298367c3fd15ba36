package io.llgate.server.transaction;

import io.llgate.server.kernel.TransactionRow;
import java.time.Instant;

/**
 * A transaction as the list, the admin API and the console show it.
 *
 * @param ref      its reference, such as {@code instant-payment:42}: the ledger's and the detail page's key
 * @param merchant the merchant's {@code oid_partner}
 * @param amount   two decimals, in {@code currency} (the order's: CNY, or a foreign one for an exchange payment)
 */
public record TransactionSummary(String ref, String product, String merchant, String noOrder, String oidPaybill,
                                 String refundNumber, String amount, String currency, String status, Instant createdAt,
                                 Instant updatedAt) {

    static TransactionSummary of(TransactionRow row, String oidPartner) {
        return new TransactionSummary(row.ref().text(), row.ref().product().id(), oidPartner, row.noOrder(),
                row.oidPaybill(), row.refundNumber(), row.amount().wire(), row.amount().currency().getCurrencyCode(),
                row.status(), row.createdAt(), row.updatedAt());
    }
}
