package io.llgate.server.ledger;

/**
 * A ledger entry as reconciliation compares it with orders and reports: its kind ({@code PAYMENT_RECEIPT} or
 * {@code REFUND}), its reference, its business day, the gross amount that moved between the payer's bank and
 * the gateway, and the fee taken (or given back), both in positive fen.
 */
public record Movement(String kind, String reference, String settleDate, long amount, long fee) {
}
