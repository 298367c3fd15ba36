package io.llgate.server.supportbank;

import io.javalin.config.RoutesConfig;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.reference.BankNames;
import io.llgate.server.reference.CollectionBanks;

/**
 * The support bank query (14 §3a): which banks one collection product accepts on one channel, with their limits
 * and whether they are under maintenance. A lookup in data every merchant may make: no grant, no state.
 */
public final class SupportBankProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.open("support-bank", "SUPPORT_BANK");

    private final SupportBankRoutes routes;

    public SupportBankProduct(ProductContext context) {
        BankNames names = BankNames.standard();
        this.routes = new SupportBankRoutes(new SupportBanks(CollectionBanks.standard(names), names), context.api());
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
