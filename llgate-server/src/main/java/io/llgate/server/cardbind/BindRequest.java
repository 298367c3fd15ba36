package io.llgate.server.cardbind;

import java.util.Optional;

/**
 * A card bind apply's fields as the route read them (22 §3): the holder's elements are checked by the service once
 * the issuer says whether the card is a credit card, which decides whether expiry and CVV2 are needed.
 *
 * @param noOrder the binding request's serial number, which only the MPAY bind apply carries (22 C16)
 */
record BindRequest(String userId, Optional<String> platform, BindPayType payType, String cardNo, String acctName,
                   String idType, String idNo, String bindMob, Optional<String> valiDate, Optional<String> cvv2,
                   Optional<String> noOrder) {

    /** Never the card, the identity number or the CVV2 in clear. */
    @Override
    public String toString() {
        return "BindRequest[" + userId + ", " + payType + "]";
    }
}
