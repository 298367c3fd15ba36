package io.llgate.server.card;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.store.Conflicts;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Card bindings ({@code no_agree}) of merchants' users (spec 22 §1): a successful first payment or a verified bind
 * makes one; payments by {@code no_agree} find it; lists and unbinds read and end them. A {@code user_id} belongs to
 * one person: while it has bindings, a card of another person is refused ({@code 7018}). Every method runs in the
 * caller's transaction.
 */
public final class Agreements {
    private final AgreementStore store = new AgreementStore();
    private final HolderSeal seal;
    private final Clock clock;

    public Agreements(HolderSeal seal, Clock clock) {
        this.seal = seal;
        this.clock = clock;
    }

    /** Refuses ({@code 7018}) a card of another person than the one the user's active bindings belong to. */
    public void requireSamePerson(Handle h, AgreementOwner owner, String userId, CardHolder holder) {
        String person = seal.personHash(holder);
        if (person == null) {
            // A holder without an identity document (exchange payment, X11) is no person to compare.
            return;
        }
        if (store.activeOfUser(h, owner, userId).stream().anyMatch(a -> !a.sealed().idHash().equals(person))) {
            throw Refusal.of(RetCode.NEW_CARD_HOLDER_INCONSISTENT);
        }
    }

    /**
     * Refuses a card the user may not bind: one the user has bound already ({@code 9913}), another person's
     * ({@code 7018}). Card binding asks before it texts a code, and {@link #bind} asks again when the code is verified.
     */
    public void requireBindable(Handle h, AgreementOwner owner, String userId, CardHolder holder) {
        requireSamePerson(h, owner, userId, holder);
        if (store.activeCard(h, owner, userId, seal.cardHash(holder.cardNo())).isPresent()) {
            throw Refusal.of(RetCode.CARD_ALREADY_BOUND);
        }
    }

    /**
     * Binds a card the payer proved with an SMS code (card binding): a card the user has bound already →
     * {@code 9913}, another person's → {@code 7018}.
     */
    public Agreement bind(Handle h, AgreementOwner owner, String userId, CardHolder holder, IssuedCard card,
            String payType) {
        requireBindable(h, owner, userId, holder);
        return insert(h, owner, userId, holder, card, payType);
    }

    /** The binding a successful payment yields: the user's existing one of this card, or a new one. */
    public Agreement bindOnPayment(Handle h, AgreementOwner owner, String userId, CardHolder holder, IssuedCard card,
            String payType) {
        return store.activeCard(h, owner, userId, seal.cardHash(holder.cardNo()))
                .orElseGet(() -> insert(h, owner, userId, holder, card, payType));
    }

    /**
     * The user's active binding {@code noAgree}: unknown to the owner → {@code 3003}; another user's, or unbound →
     * {@code 3011}.
     */
    public Agreement ofUser(Handle h, AgreementOwner owner, String userId, String noAgree) {
        Agreement agreement = store.active(h, owner, noAgree).orElseThrow(() -> Refusal.of(RetCode.AGREEMENT_NOT_FOUND));
        if (!agreement.userId().equals(userId)) {
            throw Refusal.of(RetCode.USER_AGREEMENT_NOT_FOUND);
        }
        return agreement;
    }

    /** The user's active bindings, newest first. */
    public List<Agreement> list(Handle h, AgreementOwner owner, String userId) {
        return store.activeOfUser(h, owner, userId);
    }

    /** Ends the user's binding {@code noAgree}; refusals as {@link #ofUser}. */
    public Agreement unbind(Handle h, AgreementOwner owner, String userId, String noAgree) {
        Agreement agreement = ofUser(h, owner, userId, noAgree);
        if (!store.unbind(h, agreement.id(), clock.instant())) {
            throw Refusal.of(RetCode.USER_AGREEMENT_NOT_FOUND);
        }
        return agreement;
    }

    /** The bound card's holder, opened from its seal. */
    public CardHolder holder(Agreement agreement) {
        return seal.open(agreement.sealed());
    }

    /** Inserts under a savepoint: a concurrent bind of the same card wins the unique key, and its binding is answered. */
    private Agreement insert(Handle h, AgreementOwner owner, String userId, CardHolder holder, IssuedCard card,
            String payType) {
        SealedHolder sealed = seal.seal(holder);
        String savepoint = "card_agreement_insert";
        h.savepoint(savepoint);
        try {
            String noAgree = store.insert(h, owner, userId, sealed, card, payType, clock.instant());
            h.release(savepoint);
            return store.active(h, owner, noAgree).orElseThrow();
        } catch (RuntimeException e) {
            if (!Conflicts.isUniqueViolation(e)) {
                throw e;
            }
            h.rollbackToSavepoint(savepoint);
            return store.activeCard(h, owner, userId, sealed.cardHash()).orElseThrow(() -> e);
        }
    }
}
