package io.llgate.server.branchnumber;

import io.javalin.config.RoutesConfig;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.reference.Branches;
import io.llgate.server.reference.CardBins;

/**
 * The large-value bank branch number (CNAPS) query (14 §3b): the {@code prcptcd} of a bank's branches in a
 * province or city, found by part of their name. A lookup in data every merchant may make: no grant, no state.
 */
public final class BranchNumberProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.open("bank-branch-number", "BANK_BRANCH_NUMBER");

    private final BranchNumberRoutes routes;

    public BranchNumberProduct(ProductContext context) {
        this.routes = new BranchNumberRoutes(new BranchNumbers(Branches.standard(), CardBins.standard()),
                context.api());
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
