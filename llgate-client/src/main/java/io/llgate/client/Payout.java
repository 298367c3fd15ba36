package io.llgate.client;

import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * A payout as the gateway reports it in a result query, spec 10 §7.
 *
 * @param oidPaybill the gateway's payout number; absent while the payout is held ({@code CHECK}) or once it closed
 * @param moneyOrderFen the amount in fen
 * @param settleDate {@code yyyyMMdd}, on success
 */
public record Payout(String noOrder, String dtOrder, Optional<String> oidPaybill, long moneyOrderFen, ResultPay resultPay,
                     Optional<String> settleDate, Optional<String> infoOrder, VerifiedMessage reply) {

    /** {@code money_order} as on the wire, with two decimals. */
    public String moneyOrder() {
        return Amounts.format(moneyOrderFen);
    }
}
