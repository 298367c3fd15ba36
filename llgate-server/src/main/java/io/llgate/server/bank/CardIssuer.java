package io.llgate.server.bank;

import io.llgate.server.card.CardHolder;
import io.llgate.server.card.Cvv2;
import java.util.List;
import java.util.Optional;

/**
 * The seam to the banks that issue payers' cards (card payments, card binding, pre-authorization): it says which
 * bank issued a card and whether it is a debit or a credit card, checks a holder's elements against the bank's
 * records, and charges a card. A charge the bank has not answered in time stays pending; its answer reaches the
 * product that asked through its {@link CardIssuerListener}. The sandbox issuer is one implementation, driven by a
 * table of test cards; a real card scheme connector replaces it.
 */
public interface CardIssuer extends Channel {

    @Override
    default String purpose() {
        return "card issuer";
    }

    /** The banks whose cards it takes, in the order a payer should see them, with the kinds of card of each. */
    List<CardBank> banks();

    /** The bank that issued {@code cardNo}, and the card's kind; empty for a card no known issuer has. */
    Optional<IssuedCard> identify(String cardNo);

    /**
     * Checks the holder's name, identity document and mobile against the issuer's records, a credit card's expiry and
     * CVV2, and that the card may pay online: empty when all hold, else the refusal ({@code 1101}–{@code 1115}).
     */
    Optional<IssuerAnswer> checkHolder(CardHolder holder, Optional<Cvv2> cvv2);

    /** Charges, or for a pre-authorization only authorizes, the card: approved, declined, or pending at the bank. */
    IssuerAnswer charge(CardCharge charge);

    /**
     * Captures {@code amountFen}, at most the authorized amount, of the pre-authorization the issuer approved for the
     * charge {@code reference}: the card is debited that much and the rest of the hold is released.
     */
    IssuerAnswer capture(String reference, long amountFen);

    /** Releases the whole amount the pre-authorization approved for the charge {@code reference} holds on the card. */
    IssuerAnswer release(String reference);
}
