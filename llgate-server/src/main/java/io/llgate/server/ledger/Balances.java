package io.llgate.server.ledger;

/** A merchant's balances in one currency, in hundredths of it (fen for CNY). */
public record Balances(long available, long unsettled, long reserved) {
}
