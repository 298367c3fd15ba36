package io.llgate.server.card;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.kernel.Refusal;
import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The card a card payment's apply pays with (easypay, MPAY): a new card, checked with its issuer, or a binding whose
 * elements stand in for the card's. Each check refuses before anything is written.
 */
public final class PayingCards {
    private final Jdbi jdbi;
    private final CardIssuer issuer;
    private final Agreements agreements;
    private final Clock clock;

    public PayingCards(Jdbi jdbi, CardIssuer issuer, Agreements agreements, Clock clock) {
        this.jdbi = jdbi;
        this.issuer = issuer;
        this.agreements = agreements;
        this.clock = clock;
    }

    /** A card as an apply pays with it: its holder, its issuer's word on it, and the binding it came as, if any. */
    public record PayingCard(CardHolder holder, IssuedCard issued, String noAgree) {
    }

    /**
     * A new card: known to an issuer (1102), accepted by the product's {@code fits} (which throws its refusal), complete
     * for its kind (1004 for a credit card's missing CVV2), of the same person as the user's other cards (7018), and the
     * issuer's holder (1101–1115).
     */
    public PayingCard newCard(AgreementOwner owner, String userId, CardInput input, Consumer<IssuedCard> fits) {
        IssuedCard issued = issuer.identify(input.cardNo())
                .orElseThrow(() -> Refusal.of(RetCode.UNKNOWN_ISSUER, CardFields.CARD_NO));
        fits.accept(issued);
        CardHolder holder = input.holder(issued.credit(), clock);
        jdbi.useHandle(h -> agreements.requireSamePerson(h, owner, userId, holder));
        issuer.checkHolder(holder, input.cvv2()).ifPresent(refused -> {
            throw Refusal.of(refused.refusal());
        });
        return new PayingCard(holder, issued, null);
    }

    /** A bound card: the user's binding {@code noAgree} (3003 unknown, 3011 another user's), accepted by {@code fits}. */
    public PayingCard bound(AgreementOwner owner, String userId, String noAgree, Consumer<IssuedCard> fits) {
        Agreement agreement = jdbi.withHandle(h -> agreements.ofUser(h, owner, userId, noAgree));
        IssuedCard issued = new IssuedCard(agreement.bankCode(), agreement.bankName(), agreement.credit());
        fits.accept(issued);
        return new PayingCard(agreements.holder(agreement), issued, agreement.noAgree());
    }
}
