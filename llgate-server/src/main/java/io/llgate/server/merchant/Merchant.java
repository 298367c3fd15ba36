package io.llgate.server.merchant;

import io.llgate.server.notify.NotifyChaos;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Set;

/**
 * A merchant registered with the gateway: its id, its public key, what it may do, and what the sandbox
 * does to its notifications.
 */
public record Merchant(
        long id,
        String oidPartner,
        String name,
        PublicKey publicKey,
        String publicKeyText,
        Set<Product> products,
        IpAllowList ipAllowList,
        MerchantStatus status,
        Instant createdAt,
        NotifyChaos notifyChaos,
        FeeRate feeRate,
        RefundPaybillColumn refundPaybillColumn,
        ReportLayout reportLayout) {

    public Merchant {
        products = Set.copyOf(products);
    }

    public boolean has(Product product) {
        return products.contains(product);
    }
}
