package io.llgate.server.ledger;

import io.llgate.server.kernel.Money;

/**
 * One line of a ledger entry: money into (positive) or out of (negative) an account, in the account's currency: the
 * owner's account of that kind in the amount's currency.
 */
public record Posting(Account account, Money amount) {

    /** A posting in fen, to the account's CNY account. */
    public static Posting of(Account account, long fen) {
        return new Posting(account, Money.cny(fen));
    }

    /** The amount in hundredths of its currency. */
    long hundredths() {
        return amount.minor();
    }
}
