package io.llgate.server.bank;

import io.llgate.server.card.CardHolder;

/**
 * A charge the gateway asks a card's issuer for.
 *
 * @param reference the gateway's reference of the charge ({@code easypay:42}): the issuer's later answer names it
 * @param holder    the card and its holder, as checked and as bound
 * @param amountFen what the issuer debits, or authorizes, in fen
 * @param preAuth   true to only authorize the amount (credit cards, {@code pay_type=F})
 */
public record CardCharge(String reference, CardHolder holder, long amountFen, boolean preAuth) {
}
