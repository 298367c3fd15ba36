package io.llgate.server.ledger;

import java.time.Instant;
import java.util.List;

/** One journal entry of a transaction as operators read it: its kind, when it was posted, and its postings. */
public record JournalEntry(String kind, Instant postedAt, List<Line> postings) {

    /**
     * One posting: the account (its label, such as {@code merchant:3:AVAILABLE} or {@code gateway:FEES}), its kind,
     * the signed amount in fen and the business day it belongs to.
     */
    public record Line(String account, AccountKind accountKind, long amount, String settleDate) {
    }
}
