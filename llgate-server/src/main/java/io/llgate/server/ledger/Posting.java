package io.llgate.server.ledger;

/** One line of a ledger entry: fen into (positive) or out of (negative) an account. */
public record Posting(Account account, long fen) {

    public static Posting of(Account account, long fen) {
        return new Posting(account, fen);
    }
}
