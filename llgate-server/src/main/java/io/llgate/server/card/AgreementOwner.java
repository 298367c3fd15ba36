package io.llgate.server.card;

/**
 * Whose users a binding belongs to: a merchant's, or, when the merchant sends {@code platform}, that namespace of the
 * merchant's. Bindings are never shared between merchants: sharing a platform across merchants needs an operator's
 * set-up that the gateway does not have yet, and without it any merchant could name another's platform.
 */
public record AgreementOwner(long merchantId, String platform) {

    /** The stored key of the namespace. */
    public String key() {
        return platform == null || platform.isEmpty() ? "merchant:" + merchantId : "merchant:" + merchantId + "/platform:" + platform;
    }
}
