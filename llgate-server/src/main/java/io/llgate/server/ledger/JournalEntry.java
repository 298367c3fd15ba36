package io.llgate.server.ledger;

import io.llgate.server.kernel.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** One journal entry of a transaction as operators read it: its kind, when it was posted, and its postings. */
public record JournalEntry(String kind, Instant postedAt, List<Line> postings) {

    /**
     * One posting: the account (its label, such as {@code merchant:3:AVAILABLE}, {@code gateway:FEES} or
     * {@code gateway:EXCHANGE:USD}), its kind, the signed amount in hundredths of the account's currency, the business
     * day it belongs to and the currency.
     */
    public record Line(String account, AccountKind accountKind, long amount, String settleDate, Currency currency) {

        /** A CNY posting. */
        public Line(String account, AccountKind accountKind, long amount, String settleDate) {
            this(account, accountKind, amount, settleDate, Money.CNY);
        }

        /** The amount with its currency. */
        public Money money() {
            return Money.of(amount, currency);
        }
    }
}
