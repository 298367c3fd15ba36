package io.llgate.client;

import java.util.Optional;

/**
 * A card just bound, spec 22 §4: the binding's {@code no_agree}, which later payments, the list and unbind name.
 *
 * @param userId         the payer
 * @param cardNoLastFour the card number's last four digits
 * @param noAgree        the binding, 16 digits
 * @param noOrder        the binding request's serial number, when the apply had one (MPAY bind apply)
 */
public record BoundCard(String userId, String cardNoLastFour, String noAgree, Optional<String> noOrder,
                        VerifiedMessage reply) {
}
