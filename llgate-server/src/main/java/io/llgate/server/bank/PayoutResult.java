package io.llgate.server.bank;

/** What the bank finally says about a payout. */
public enum PayoutResult {
    SUCCESS,
    FAILURE,
    /** A payout reported successful was returned by the payee's bank afterwards. */
    REVERSED
}
