package io.llgate.server.easypay;

import java.time.Instant;

/**
 * A payer's way through the card payment pages: the merchant's checked request and how far the payer got.
 *
 * @param pageToken   the unguessable key of the payment's pages
 * @param bankCode    the bank chosen, or known from a preset card; null before
 * @param credit      whether the card is a credit card (expiry and CVV2 asked)
 * @param applyToken  the easypay order's verification token once applied for; null before
 * @param cardMask    the card number as the pages show it back, masked; null before it is known
 * @param mobileMask  the mobile the SMS went to, masked; null before
 * @param failure     why the payment failed, as the payer reads it; null unless failed
 * @param returnToken the single-use key of the return to url_return; null without one
 * @param returned    whether the return was taken
 */
public record HostedPage(long id, long merchantId, String pageToken, HostedPaymentRequest request, HostedStep step,
                         String bankCode, boolean credit, String applyToken, String cardMask, String mobileMask,
                         String failure, String returnToken, boolean returned, Instant expiresAt, Instant createdAt) {

    public String noOrder() {
        return request.noOrder();
    }

    /** The step as it stands at {@code now}: a payment still asking past its {@code valid_order} reads as closed. */
    public HostedStep stepAt(Instant now) {
        return step.asking() && !now.isBefore(expiresAt) ? HostedStep.CLOSED : step;
    }
}
