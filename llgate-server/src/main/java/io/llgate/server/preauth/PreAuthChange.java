package io.llgate.server.preauth;

import java.util.Optional;

/**
 * A capture or a cancel as the merchant asks for it (20 §8, §9): the authorization it names and the amount.
 *
 * @param moneyOrder the amount to capture, or for a cancel the authorized amount, in fen
 */
record PreAuthChange(String noOrder, Optional<String> oidPaybill, String dtOrder, String userId, long moneyOrder) {
}
