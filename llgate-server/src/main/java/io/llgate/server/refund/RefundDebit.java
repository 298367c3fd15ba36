package io.llgate.server.refund;

/** Where a refund's merchant share came from, in hundredths of the refund's currency: the unsettled balance first, then available. */
public record RefundDebit(long fromUnsettled, long fromAvailable) {
}
