package io.llgate.server.cardbind;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.card.Agreement;
import io.llgate.server.card.AgreementOwner;
import io.llgate.server.card.Agreements;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardHolder;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.SmsCodes;
import io.llgate.server.card.SmsCodes.CodeCheck;
import io.llgate.server.card.SmsCodes.CodeRequest;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.Sweep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Card binding (spec 22): an apply checks the card with its issuer and texts the holder a code; verifying the code
 * binds the card ({@code no_agree}); the list and unbind read and end a user's bindings. Each call writes in one
 * transaction; the bindings themselves are the card payments' {@link Agreements}.
 */
final class CardBindings {
    /** What the SMS codes of binds are for: a bind's token verifies only a bind. */
    static final String PURPOSE = "CARD_BIND";
    /** How long an apply whose code expired is kept, so that its verify still answers 1901 rather than 1000. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final CardIssuer issuer;
    private final SmsCodes codes;
    private final Agreements agreements;
    private final HolderSeal seal;
    private final CardBindStore store = new CardBindStore();

    CardBindings(Jdbi jdbi, Clock clock, CardIssuer issuer, SmsCodes codes, Agreements agreements, HolderSeal seal) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.issuer = issuer;
        this.codes = codes;
        this.agreements = agreements;
        this.seal = seal;
    }

    /** The token the holder's code is verified under. */
    record Applied(String userId, String token) {
    }

    /** A verified bind: the binding, and the apply's serial number when it had one. */
    record Bound(Agreement agreement, Optional<String> noOrder) {
    }

    /** A user's bindings that matched a list query: how many, and those from the offset on. */
    record Listing(int count, List<Agreement> page) {
    }

    /**
     * Checks the card and its holder and texts the code. Refusals: {@code 1004} for a holder field, {@code 1102} a card
     * no issuer has, {@code 5601} a pay type for the other kind of card, {@code 9913} a card the user has bound,
     * {@code 7018} another person's card, the issuer's {@code 1101}–{@code 1115}, {@code 9704} an SMS not sent.
     */
    Applied apply(MerchantRef merchant, String merchantName, BindRequest request) {
        IssuedCard card = issuer.identify(request.card().cardNo())
                .orElseThrow(() -> Refusal.of(RetCode.UNKNOWN_ISSUER, CardFields.CARD_NO));
        CardHolder holder = request.card().holder(card.credit(), clock);
        if (!request.payType().takes(card.credit())) {
            throw Refusal.of(RetCode.PAY_TYPE_CARD_MISMATCH);
        }
        AgreementOwner owner = new AgreementOwner(merchant.id(), request.platform().orElse(null));
        jdbi.useHandle(h -> agreements.requireBindable(h, owner, request.userId(), holder));
        issuer.checkHolder(holder, request.card().cvv2()).ifPresent(CardBindings::refuse);
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            long id = store.insert(h, merchant.id(), request.userId(), request.platform().orElse(null),
                    request.payType(), request.noOrder().orElse(null), seal.seal(holder), card, now,
                    now.plus(SmsCodes.LIFETIME));
            String token = codes.send(h, new CodeRequest(merchant.id(), merchant.oidPartner(), merchantName, PURPOSE,
                    Long.toString(id), holder.bindMob(), Long.toString(id)));
            store.setToken(h, id, token);
            return new Applied(request.userId(), token);
        });
    }

    /**
     * Verifies the holder's code and binds the card, once: the apply is gone after it, so a second verify of the token
     * answers {@code 1000}, as does a token that is not the merchant's. A wrong code ({@code 1900}, and {@code 9702}
     * once too many) counts its try, which is committed before the refusal is thrown; an expired one is
     * {@code 1901}. {@code user_id}, and {@code no_order} when both sides have one, must be the apply's ({@code 1004}).
     */
    Bound verify(MerchantRef merchant, String userId, String token, String verifyCode, Optional<String> noOrder) {
        Verification verification = jdbi.inTransaction(h -> {
            BindApplication application = store.lock(h, merchant.id(), token)
                    .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
            if (!application.userId().equals(userId)) {
                throw Refusal.badField("user_id");
            }
            if (noOrder.isPresent() && application.noOrder().isPresent() && !noOrder.equals(application.noOrder())) {
                throw Refusal.badField("no_order");
            }
            CodeCheck check = codes.check(h, merchant.id(), PURPOSE, token, verifyCode);
            if (!check.accepted()) {
                return new Verification(check, null);
            }
            Agreement agreement = agreements.bind(h, application.owner(), application.userId(),
                    seal.open(application.holder()), application.card(), application.payType().code());
            store.delete(h, application.id());
            return new Verification(check, new Bound(agreement, application.noOrder()));
        });
        verification.check().subjectOrThrow();
        return verification.bound();
    }

    private record Verification(CodeCheck check, Bound bound) {
    }

    /**
     * The user's bindings in the namespace, newest first, of the pay type's family, the binding or the card when
     * asked; {@code 8901} when none matched.
     */
    Listing list(AgreementOwner owner, String userId, Optional<BindPayType> payType, Optional<String> noAgree,
                 Optional<String> cardNo, int offset) {
        Optional<String> cardHash = cardNo.map(seal::cardHash);
        List<Agreement> matched = jdbi.withHandle(h -> agreements.list(h, owner, userId)).stream()
                .filter(a -> payType.isEmpty() || payType.get().sameFamilyAs(a.payType()))
                .filter(a -> noAgree.isEmpty() || noAgree.get().equals(a.noAgree()))
                .filter(a -> cardHash.isEmpty() || cardHash.get().equals(a.sealed().cardHash()))
                .toList();
        if (matched.isEmpty()) {
            throw Refusal.of(RetCode.NO_RECORD);
        }
        return new Listing(matched.size(), matched.subList(Math.min(offset, matched.size()), matched.size()));
    }

    /**
     * Ends the user's binding: {@code 3003} when the namespace has no such binding, {@code 3011} when it is another
     * user's, already unbound, or of another product family than {@code payType} names.
     */
    void unbind(AgreementOwner owner, String userId, String noAgree, Optional<BindPayType> payType) {
        jdbi.useTransaction(h -> {
            Agreement agreement = agreements.ofUser(h, owner, userId, noAgree);
            if (payType.isPresent() && !payType.get().sameFamilyAs(agreement.payType())) {
                throw Refusal.of(RetCode.USER_AGREEMENT_NOT_FOUND);
            }
            agreements.unbind(h, owner, userId, noAgree);
        });
    }

    /** Deletes applies a day after their code expired: nothing can verify them, and they hold a sealed card. */
    Sweep sweep() {
        return new Sweep("card bind applies deleted a day after their code expired",
                () -> jdbi.inTransaction(h -> store.deleteExpired(h, clock.instant().minus(KEPT_AFTER_EXPIRY))));
    }

    private static void refuse(IssuerAnswer answer) {
        throw answer.outcome() == IssuerAnswer.Outcome.PENDING
                ? Refusal.of(RetCode.BINDING_IN_PROGRESS)
                : Refusal.of(answer.refusal());
    }
}
