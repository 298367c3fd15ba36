package io.llgate.server.card;

import io.llgate.server.kernel.Refusal;
import io.llgate.server.security.CardVault;
import java.time.Clock;
import java.util.Optional;

/**
 * A card's elements as a merchant sent them, each checked for its form ({@link CardFields}) but not yet against the
 * card: whether {@code vali_date} and {@code cvv2} are needed depends on whether the issuer says the card is a credit
 * card. Its {@link #toString()} shows no element.
 */
public record CardInput(String cardNo, String acctName, String idType, String idNo, String bindMob,
                        Optional<String> valiDate, Optional<Cvv2> cvv2) {

    /** The holder of a card its issuer says is a debit or a credit card: a credit card needs {@code vali_date} and {@code cvv2}. */
    public CardHolder holder(boolean credit, Clock clock) {
        if (credit) {
            cvv2.orElseThrow(() -> Refusal.badField(CardFields.CVV2));
        }
        return CardFields.holder(cardNo, acctName, idType, idNo, bindMob, valiDate.orElse(null), credit, clock);
    }

    @Override
    public String toString() {
        return "CardInput[" + (cardNo == null ? "" : CardVault.mask(cardNo)) + "]";
    }
}
