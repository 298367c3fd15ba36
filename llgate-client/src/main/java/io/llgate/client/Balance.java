package io.llgate.client;

import io.llgate.protocol.Amounts;

/**
 * The merchant's balances, spec 10 §9.
 *
 * @param amtBalanceFen available funds in fen: what payouts draw on
 * @param amtUnsettleFen funds not yet settled, in fen: usable for refunds
 */
public record Balance(long amtBalanceFen, long amtUnsettleFen, VerifiedMessage reply) {

    /** {@code amt_balance} with two decimals. */
    public String amtBalance() {
        return Amounts.format(amtBalanceFen);
    }

    /** {@code amt_unsettle} with two decimals. */
    public String amtUnsettle() {
        return Amounts.format(amtUnsettleFen);
    }
}
