package io.llgate.server.cardbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.reference.CardBin;
import io.llgate.server.reference.CardBins;
import io.llgate.server.reference.CardType;
import io.llgate.server.reference.CollectionBank;
import io.llgate.server.reference.CollectionBanks;
import io.llgate.server.reference.CollectionChannel;
import io.llgate.server.reference.Issuer;
import io.llgate.server.reference.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The card BIN query's answers without HTTP: 5001, the last four digits, and which table the limits come from. */
class CardBinLookupTest {
    private static final Issuer CMB = new Issuer("03080000", "招商银行");
    private static final CardBins BINS = new CardBins(List.of(new CardBin("621483", CMB, CardType.DEBIT)));

    @Test
    void anUnknownBinIsRefused5001() {
        CardBinLookup lookup = new CardBinLookup(BINS, new CollectionBanks(Map.of(), Map.of()));

        assertThatThrownBy(() -> lookup.identify("6200000000000000", Optional.empty()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(RetCode.CARD_BIN_CHECK_FAILED));
    }

    @Test
    void verifiedLimitsComeFromVerifiedCollectionOnTheApiChannelAndQuickLimitsFromQuickPayment() {
        Limits verified = new Limits(50_000, 50_000, 200_000);
        Limits quick = new Limits(20_000, 20_000, Limits.UNLIMITED);
        Limits app = new Limits(1_000, 1_000, 1_000);
        CollectionBanks banks = new CollectionBanks(Map.of(
                "quick", List.of(new CollectionBank("03080000", CardType.DEBIT, quick, false)),
                "api", List.of(new CollectionBank("03080000", CardType.DEBIT, verified, true)),
                "app", List.of(new CollectionBank("03080000", CardType.DEBIT, app, false))),
                Map.of(CardBinLookup.VERIFIED_API, "api", new CollectionChannel("1", "10"), "app"));
        CardBinLookup lookup = new CardBinLookup(BINS, banks);

        CardBinAnswer asVerified = lookup.identify("6214830100005566", Optional.of(LimitPayType.VERIFIED));
        CardBinAnswer asQuick = lookup.identify("6214830100005566", Optional.of(LimitPayType.QUICK));
        CardBinAnswer none = lookup.identify("6214830100005566", Optional.empty());

        assertThat(asVerified.cardNoLastFour()).isEqualTo("5566");
        assertThat(asVerified.limits()).contains(verified);
        assertThat(asQuick.limits()).contains(quick);
        assertThat(none.limits()).isEmpty();
    }

    @Test
    void aBankTheTableDoesNotListHasNoLimits() {
        CardBinLookup lookup = new CardBinLookup(BINS, new CollectionBanks(Map.of("quick", List.of()), Map.of()));

        assertThat(lookup.identify("6214830100005566", Optional.of(LimitPayType.QUICK)).limits()).isEmpty();
        assertThat(lookup.identify("6214830100005566", Optional.of(LimitPayType.VERIFIED)).limits()).isEmpty();
    }
}
