package io.llgate.server.cardbin;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.reference.CardBin;
import io.llgate.server.reference.CardBins;
import io.llgate.server.reference.CollectionBank;
import io.llgate.server.reference.CollectionBanks;
import io.llgate.server.reference.CollectionChannel;
import io.llgate.server.reference.Limits;
import java.util.Optional;

/**
 * What the card BIN query answers about a card (spec 14 §3): its BIN from the BIN table and, when asked, its limits
 * from the collection products' bank tables: quick payment for {@code pay_type} {@code 2}, verified collection on
 * the API channel for {@code D} (D10).
 */
final class CardBinLookup {
    /** D10: {@code pay_type} {@code D} is {@code product_type} 1 on the API channel 15. */
    static final CollectionChannel VERIFIED_API = new CollectionChannel("1", "15");

    private final CardBins bins;
    private final CollectionBanks banks;

    CardBinLookup(CardBins bins, CollectionBanks banks) {
        this.bins = bins;
        this.banks = banks;
    }

    /**
     * The card's BIN and, when {@code limitsOf} names a product, that product's limits for the card's bank and kind
     * if the tables have them. 5001 when no BIN matches.
     */
    CardBinAnswer identify(String cardNo, Optional<LimitPayType> limitsOf) {
        CardBin bin = bins.find(cardNo).orElseThrow(() -> Refusal.of(RetCode.CARD_BIN_CHECK_FAILED));
        String bank = bin.issuer().bankCode();
        Optional<Limits> known = limitsOf.flatMap(payType -> switch (payType) {
            case QUICK -> banks.quickPayment(bank, bin.cardType());
            case VERIFIED -> banks.find(VERIFIED_API, bank, bin.cardType());
        }).map(CollectionBank::limits);
        return new CardBinAnswer(cardNo.substring(Math.max(0, cardNo.length() - 4)), bin, known);
    }
}
