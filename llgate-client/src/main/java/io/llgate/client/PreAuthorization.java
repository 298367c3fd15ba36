package io.llgate.client;

import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * A credit card's pre-authorization as the gateway reports it after a capture, a cancel or a status query.
 *
 * @param moneyOrderFen the captured amount after a capture; the authorized amount after a cancel or while authorized
 * @param settleDate    {@code yyyyMMdd}, the business day a capture is paid on; present after a capture
 */
public record PreAuthorization(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen,
                               PreAuthState state, Optional<String> settleDate, VerifiedMessage reply) {

    /** {@code money_order} as on the wire, with two decimals. */
    public String moneyOrder() {
        return Amounts.format(moneyOrderFen);
    }
}
