package io.llgate.server.preauth;

import java.time.Instant;

/**
 * A pre-authorization as stored: the authorization, and its capture once made.
 *
 * @param issuerReference the card issuer's name of the charge that authorized
 * @param moneyAuthorized the amount the issuer holds, in fen
 * @param moneyCaptured   the amount captured, in fen; null until captured
 * @param fee             the gateway's fee on the captured amount, in fen; null until captured
 * @param settleDate      the business day of the capture; null until captured
 * @param cardMasked      the card authorized, masked; null for an authorization recorded before cards were kept
 * @param updatedAt       the last change of its state
 */
public record PreAuth(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String issuerReference,
        String dtOrder,
        String userId,
        String busiPartner,
        String infoOrder,
        long moneyAuthorized,
        Long moneyCaptured,
        Long fee,
        PreAuthStatus status,
        String settleDate,
        Instant authorizedAt,
        Instant expiresAt,
        Instant capturedAt,
        String cardMasked,
        Instant updatedAt) {

    /**
     * The state at {@code now}: an authorization past its hold reads as expired before the sweep has written so, and
     * can no longer be captured or cancelled.
     */
    public PreAuthStatus statusAt(Instant now) {
        return status == PreAuthStatus.AUTHORIZED && !now.isBefore(expiresAt) ? PreAuthStatus.EXPIRED : status;
    }

    /** What the merchant is paid or held for: the captured amount once captured, else the authorized one. */
    public long moneyOrder() {
        return moneyCaptured != null ? moneyCaptured : moneyAuthorized;
    }
}
