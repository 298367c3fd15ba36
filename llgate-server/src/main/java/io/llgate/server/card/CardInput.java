package io.llgate.server.card;

import io.llgate.server.kernel.Refusal;
import io.llgate.server.security.CardVault;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * A card's elements as a merchant sent them, each checked for its form ({@link CardFields}) but not yet against the
 * card: whether {@code vali_date} and {@code cvv2} are needed depends on whether the issuer says the card is a credit
 * card. Its {@link #toString()} shows no element.
 */
public record CardInput(String cardNo, String acctName, String idType, String idNo, String bindMob,
                        Optional<String> valiDate, Optional<Cvv2> cvv2) {

    /**
     * Reads a card's elements from a request's fields ({@code field} answers a field's value when present and not
     * empty), checking each one's form in the order of the spec's tables: expiry and CVV2 when sent, then the four
     * elements; each refusal is {@code 1004} naming its field.
     */
    public static CardInput read(Function<String, Optional<String>> field, Clock clock) {
        return read(field, clock, CardFields::idType, true);
    }

    /**
     * As {@link #read(Function, Clock)} for MPAY (21 M18, 14 D19): an absent {@code id_type} is the ID card, and the
     * values LianLian's MPAY SDK adds are taken too.
     */
    public static CardInput readMpay(Function<String, Optional<String>> field, Clock clock) {
        return read(field, clock, value -> CardFields.anyIdType(value == null ? IdType.PRC_ID_CARD.code() : value),
                true);
    }

    /**
     * Reads a card's elements as {@link #read(Function, Clock)} does; when {@code idRequired} is false (exchange
     * payment, X11) a card may come without {@code id_type} and {@code id_no}, and its holder then has no identity
     * document. An {@code id_no} without {@code id_type} is read as a PRC ID card's, as easypay's pages do.
     */
    public static CardInput read(Function<String, Optional<String>> field, Clock clock, boolean idRequired) {
        return read(field, clock, value -> CardFields.idType(value == null && !idRequired ? IdType.PRC_ID_CARD.code()
                : value), idRequired);
    }

    private static CardInput read(Function<String, Optional<String>> field, Clock clock,
                                  Function<String, IdType> idTypes, boolean idRequired) {
        Optional<String> valiDate = field.apply(CardFields.VALI_DATE).map(v -> CardFields.valiDate(v, clock));
        Optional<Cvv2> cvv2 = field.apply(CardFields.CVV2).map(CardFields::cvv2);
        Optional<String> sentType = field.apply(CardFields.ID_TYPE);
        Optional<String> sentNo = field.apply(CardFields.ID_NO);
        boolean noDocument = !idRequired && sentType.isEmpty() && sentNo.isEmpty();
        IdType idType = noDocument ? null : idTypes.apply(sentType.orElse(null));
        String idNo = noDocument ? null : CardFields.idNo(idType, sentNo.orElse(null));
        String acctName = CardFields.acctName(field.apply(CardFields.ACCT_NAME).orElse(null));
        String cardNo = CardFields.cardNo(field.apply(CardFields.CARD_NO).orElse(null));
        String bindMob = CardFields.bindMob(field.apply(CardFields.BIND_MOB).orElse(null));
        return new CardInput(cardNo, acctName, noDocument ? null : idType.code(), idNo, bindMob, valiDate, cvv2);
    }

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
