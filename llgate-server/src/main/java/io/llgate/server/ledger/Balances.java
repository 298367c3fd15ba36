package io.llgate.server.ledger;

/** A merchant's balances in fen. */
public record Balances(long available, long unsettled, long reserved) {
}
