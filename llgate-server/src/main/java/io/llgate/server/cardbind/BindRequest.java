package io.llgate.server.cardbind;

import io.llgate.server.card.CardInput;
import java.util.Optional;

/**
 * A card bind apply as the route read it (22 §3): the user, the product, and the card's elements, each checked for its
 * form; whether expiry and CVV2 are needed is the issuer's word on the card.
 *
 * @param noOrder the binding request's serial number, which only the MPAY bind apply carries (22 C16)
 */
record BindRequest(String userId, Optional<String> platform, BindPayType payType, CardInput card,
                   Optional<String> noOrder) {
}
