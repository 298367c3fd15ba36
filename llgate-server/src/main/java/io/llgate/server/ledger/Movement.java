package io.llgate.server.ledger;

import io.llgate.server.kernel.EntryKind;

/**
 * A ledger entry as reconciliation compares it with orders and reports: its kind ({@link EntryKind#PAYMENT_RECEIPT}
 * or {@link EntryKind#REFUND}), its reference, its business day, the gross amount that moved between the payer's bank
 * and the gateway, and the fee taken (or given back), both in positive fen.
 */
public record Movement(EntryKind kind, String reference, String settleDate, long amount, long fee) {
}
