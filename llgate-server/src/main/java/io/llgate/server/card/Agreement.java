package io.llgate.server.card;

import java.time.Instant;

/**
 * A card bound to a merchant's user ({@code no_agree}, 16 digits, E12): it stands in for the card's elements on later
 * payments. The holder stays sealed; {@link Agreements#holder(Agreement)} opens it.
 *
 * @param payType the product family the binding was made for ({@code M}/{@code N} easypay, {@code F} pre-auth, ...)
 */
public record Agreement(
        long id,
        String noAgree,
        AgreementOwner owner,
        String userId,
        SealedHolder sealed,
        String bankCode,
        String bankName,
        String cardType,
        String payType,
        Instant createdAt) {

    public String maskedCard() {
        return sealed.cardMasked();
    }

    public String lastFour() {
        String masked = sealed.cardMasked();
        return masked.substring(masked.length() - 4);
    }

    public String maskedMobile() {
        return sealed.mobileMasked();
    }

    public boolean credit() {
        return "3".equals(cardType);
    }
}
