package io.llgate.server.cardbind;

import io.llgate.server.bank.IssuedCard;
import io.llgate.server.card.AgreementOwner;
import io.llgate.server.card.SealedHolder;
import java.time.Instant;
import java.util.Optional;

/**
 * A card bind apply waiting for the holder's SMS code: whose user binds which card, sealed, for which product.
 *
 * @param noOrder the binding request's serial number, when the apply carried one (22 C16)
 */
record BindApplication(long id, long merchantId, String userId, Optional<String> platform, BindPayType payType,
                       Optional<String> noOrder, SealedHolder holder, IssuedCard card, Instant expiresAt) {

    /** The namespace the binding is made in: the merchant's users, or its platform's. */
    AgreementOwner owner() {
        return new AgreementOwner(merchantId, platform.orElse(null));
    }
}
