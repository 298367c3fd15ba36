package io.llgate.server.ledger;

import io.llgate.server.kernel.Money;

/** One line of a ledger entry: money into (positive) or out of (negative) an account. */
public record Posting(Account account, Money amount) {

    /** A posting in fen: every account of the ledger is kept in CNY. */
    public static Posting of(Account account, long fen) {
        return new Posting(account, Money.cny(fen));
    }

    long fen() {
        return amount.minor();
    }
}
