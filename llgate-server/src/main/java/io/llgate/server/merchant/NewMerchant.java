package io.llgate.server.merchant;

import io.llgate.server.kernel.ProductIdentity;
import java.util.Set;

/** What it takes to register a merchant. */
public record NewMerchant(
        String oidPartner, String name, String publicKey, Set<ProductIdentity> products, IpAllowList ipAllowList, long balanceFen) {

    public NewMerchant {
        products = Set.copyOf(products);
    }
}
