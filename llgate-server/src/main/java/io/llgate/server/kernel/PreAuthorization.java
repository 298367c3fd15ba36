package io.llgate.server.kernel;

import java.time.Instant;

/**
 * A credit card's pre-authorization (20 §1d, {@code pay_type} {@code F}) that the card's issuer approved: the amount
 * is held on the card, not yet the merchant's. Card payments hand it to {@link PreAuthorizations} in the transaction
 * that records the approval.
 *
 * @param oidPaybill   the gateway's number of the payment that authorized, which capture, cancel and query name
 * @param issuerReference the reference of the card issuer's charge that authorized ({@code CardCharge.reference}),
 *                     which capture and release name at the issuer
 * @param moneyOrder   the authorized amount, in fen
 * @param authorizedAt when the issuer approved, from which the authorization's hold runs
 * @param cardMasked   the card authorized, masked as query replies show it (first six and last four digits)
 */
public record PreAuthorization(
        MerchantRef merchant,
        String noOrder,
        String oidPaybill,
        String issuerReference,
        String dtOrder,
        String userId,
        long moneyOrder,
        String busiPartner,
        String infoOrder,
        Instant authorizedAt,
        String cardMasked) {
}
