package io.llgate.server.cardbin;

import io.javalin.config.RoutesConfig;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.reference.BankNames;
import io.llgate.server.reference.CardBins;
import io.llgate.server.reference.CollectionBanks;

/**
 * The card BIN query (14 §3): which bank issued a card, whether it is a debit or a credit card, and its limits.
 * A lookup in data every merchant may make: no grant, no transactions, no state, so no store and no status.
 */
public final class CardBinProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.open("card-bin", "CARD_BIN");

    private final CardBinRoutes routes;

    public CardBinProduct(ProductContext context) {
        this.routes = new CardBinRoutes(new CardBinLookup(CardBins.standard(),
                CollectionBanks.standard(BankNames.standard())), context.api());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    @Override
    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
    }
}
