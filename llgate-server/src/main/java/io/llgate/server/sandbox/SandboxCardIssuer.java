package io.llgate.server.sandbox;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardBank;
import io.llgate.server.bank.CardCharge;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.card.CardHolder;
import io.llgate.server.card.Cvv2;
import io.llgate.server.reference.CardBin;
import io.llgate.server.reference.CardBins;
import io.llgate.server.reference.CardType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox's card issuers: every card whose BIN the card BIN query knows (debit or credit, any of its banks) is
 * theirs, and its last four digits choose the outcome, as the table of test cards documents
 * (docs/products/test-cards.md). The holder's check refuses lost, frozen and mismatched cards and a credit card's
 * wrong expiry or CVV2; the charge then succeeds, finds the funds short, declines a pre-authorization, or stays
 * pending until the sandbox control answers it. Every other suffix pays. A pre-authorization approved is captured or
 * released at once when asked.
 */
public final class SandboxCardIssuer implements CardIssuer {
    /** Suffixes refused when the holder is checked, before any SMS is sent. */
    static final Map<String, RetCode> CHECK_REFUSALS = Map.ofEntries(
            Map.entry("1101", RetCode.CARD_REPORTED_LOST),
            Map.entry("1110", RetCode.CARD_STATUS_ABNORMAL),
            Map.entry("1108", RetCode.ID_NAME_OR_MOBILE_WRONG),
            Map.entry("1109", RetCode.CARD_ID_MISMATCH),
            Map.entry("1112", RetCode.ID_NO_WRONG),
            Map.entry("1113", RetCode.HOLDER_NAME_WRONG),
            Map.entry("1114", RetCode.MOBILE_WRONG),
            Map.entry("1115", RetCode.CARD_WITHOUT_MOBILE),
            Map.entry("1107", RetCode.CARD_NOT_ENABLED_ONLINE));
    /** A credit card that has expired at its bank, whatever expiry the payer types. */
    static final String EXPIRED = "1103";
    /** A credit card whose CVV2 is {@link #RIGHT_CVV2} and nothing else. */
    static final String CVV2_CHECKED = "1130";
    static final String RIGHT_CVV2 = "123";
    /** A card with too little money on it. */
    static final String INSUFFICIENT_FUNDS = "6001";
    /** A card whose bank does not answer: the charge stays pending until resolved through the sandbox control. */
    static final String TIMEOUT = "9000";
    /** A credit card whose bank refuses pre-authorizations, and pays ordinary charges. */
    static final String PRE_AUTH_DECLINED = "1005";

    private final CardBins bins;
    private final Supplier<List<CardIssuerListener>> listeners;

    /** The issuers of every card the card BIN query knows. */
    public SandboxCardIssuer(Supplier<List<CardIssuerListener>> listeners) {
        this(CardBins.standard(), listeners);
    }

    SandboxCardIssuer(CardBins bins, Supplier<List<CardIssuerListener>> listeners) {
        this.bins = bins;
        this.listeners = listeners;
    }

    @Override
    public boolean isSandbox() {
        return true;
    }

    /** Every bank with a BIN in the card BIN data, in the data's order, debit and credit as its BINs are. */
    @Override
    public List<CardBank> banks() {
        Map<String, CardBank> banks = new LinkedHashMap<>();
        for (CardBin bin : bins.all()) {
            boolean credit = bin.cardType() == CardType.CREDIT;
            banks.merge(bin.issuer().bankCode(), new CardBank(bin.issuer().bankCode(), bin.issuer().bankName(), !credit,
                    credit), (a, b) -> new CardBank(a.bankCode(), a.bankName(), a.debit() || b.debit(),
                    a.credit() || b.credit()));
        }
        return List.copyOf(banks.values());
    }

    @Override
    public Optional<IssuedCard> identify(String cardNo) {
        return bins.find(cardNo).map(bin -> new IssuedCard(bin.issuer().bankCode(), bin.issuer().bankName(),
                bin.cardType() == CardType.CREDIT));
    }

    @Override
    public Optional<IssuerAnswer> checkHolder(CardHolder holder, Optional<Cvv2> cvv2) {
        String suffix = holder.lastFour();
        RetCode refusal = CHECK_REFUSALS.get(suffix);
        if (refusal == null && (suffix.equals(EXPIRED)
                || suffix.equals(CVV2_CHECKED) && cvv2.map(c -> !c.digits().equals(RIGHT_CVV2)).orElse(false))) {
            refusal = RetCode.CARD_EXPIRY_OR_CVV2_WRONG;
        }
        return Optional.ofNullable(refusal).map(IssuerAnswer::declined);
    }

    @Override
    public IssuerAnswer charge(CardCharge charge) {
        return switch (charge.holder().lastFour()) {
            case INSUFFICIENT_FUNDS -> IssuerAnswer.declined(RetCode.CARD_INSUFFICIENT_FUNDS);
            case TIMEOUT -> IssuerAnswer.pending();
            case PRE_AUTH_DECLINED -> charge.preAuth() ? IssuerAnswer.declined(RetCode.PAYMENT_FAILED) : IssuerAnswer.approved();
            default -> IssuerAnswer.approved();
        };
    }

    /** The sandbox's issuers capture every pre-authorization they approved, at once. */
    @Override
    public IssuerAnswer capture(String reference, long amountFen) {
        return IssuerAnswer.approved();
    }

    /** The sandbox's issuers release every pre-authorization they approved, at once. */
    @Override
    public IssuerAnswer release(String reference) {
        return IssuerAnswer.approved();
    }

    /** The sandbox control: the bank finally answers the pending charge {@code reference}; false when none waits. */
    public boolean resolve(String reference, boolean approved) {
        IssuerAnswer answer = approved ? IssuerAnswer.approved() : IssuerAnswer.declined(RetCode.PAYMENT_FAILED);
        return listeners.get().stream().anyMatch(listener -> listener.answered(reference, answer));
    }
}
