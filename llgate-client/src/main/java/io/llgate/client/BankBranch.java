package io.llgate.client;

/**
 * A bank branch of a branch number answer, spec 14 §3b.
 *
 * @param prcptcd     its 12-digit large-value (CNAPS) number, what a corporate payout's {@code prcptcd} takes
 * @param brabankName its full Chinese name
 */
public record BankBranch(String prcptcd, String brabankName) {
}
