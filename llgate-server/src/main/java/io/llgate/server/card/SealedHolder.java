package io.llgate.server.card;

/**
 * A card holder as stored: every element sealed by the card vault, keyed hashes to find equal cards and persons
 * without opening anything, and the masks pages and lists show. Made and opened by {@link HolderSeal}.
 */
public record SealedHolder(
        String cardHash,
        String cardSealed,
        String cardMasked,
        String acctNameSealed,
        IdType idType,
        String idNoSealed,
        String idHash,
        String mobileSealed,
        String mobileMasked,
        String valiDateSealed) {
}
