package io.llgate.server.card;

import io.llgate.server.kernel.Facts;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.Masking;

/** Seals a card holder for storage and opens it again, with the gateway's card vault. */
public final class HolderSeal {
    private final CardVault vault;

    public HolderSeal(CardVault vault) {
        this.vault = vault;
    }

    public SealedHolder seal(CardHolder holder) {
        return new SealedHolder(
                vault.hash(holder.cardNo()),
                vault.seal(holder.cardNo()),
                holder.maskedCard(),
                vault.seal(holder.acctName()),
                holder.idType(),
                holder.idNo() == null ? null : vault.seal(holder.idNo()),
                personHash(holder),
                vault.seal(holder.bindMob()),
                holder.maskedMobile(),
                holder.valiDate() == null ? null : vault.seal(holder.valiDate()));
    }

    public CardHolder open(SealedHolder sealed) {
        return new CardHolder(
                vault.open(sealed.cardSealed()),
                vault.open(sealed.acctNameSealed()),
                sealed.idType(),
                sealed.idNoSealed() == null ? null : vault.open(sealed.idNoSealed()),
                vault.open(sealed.mobileSealed()),
                sealed.valiDateSealed() == null ? null : vault.open(sealed.valiDateSealed()));
    }

    /**
     * Adds a stored card and its holder to a transaction's facts as the console shows them: the card, the identity
     * number and the mobile masked, the holder's name not at all.
     */
    public Facts addMasked(Facts facts, SealedHolder sealed, String bankCode, String bankName, String cardType) {
        String idNo = sealed.idNoSealed() == null ? null : vault.open(sealed.idNoSealed());
        return facts.add("card_no", sealed.cardMasked())
                .add("bank_code", bankCode)
                .add("bank_name", bankName)
                .add("card_type", cardType)
                .add("id_type", sealed.idType() == null ? null : sealed.idType().code())
                .add("id_no", idNo == null ? null : Masking.value(idNo))
                .add("bind_mob", sealed.mobileMasked());
    }

    /** The card's keyed hash: equal cards, equal hashes. */
    public String cardHash(String cardNo) {
        return vault.hash(cardNo);
    }

    /** A keyed hash of the person (document type, number and name): one person, one hash; null without a document. */
    public String personHash(CardHolder holder) {
        if (!holder.hasIdentity()) {
            return null;
        }
        return vault.hash("person:" + holder.idType().code() + ":" + holder.idNo().toUpperCase() + ":" + holder.acctName());
    }
}
