package io.llgate.server.card;

import io.llgate.server.security.CardVault;

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
