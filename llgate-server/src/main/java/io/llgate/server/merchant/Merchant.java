package io.llgate.server.merchant;

import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.notify.NotifyChaos;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Set;

/**
 * A merchant registered with the gateway: its id, its public key, what it may do, and what the sandbox
 * does to its notifications. {@code cardSmsVerification} is false for a "No-SMS-verification" account, whose card
 * payments are charged at apply (20 §1c); {@code notifyCardHolder} is true for a merchant whose MPAY notifications carry
 * the payer's card and identity (21 M15).
 */
public record Merchant(
        long id,
        String oidPartner,
        String name,
        PublicKey publicKey,
        String publicKeyText,
        Set<ProductIdentity> products,
        IpAllowList ipAllowList,
        MerchantStatus status,
        Instant createdAt,
        NotifyChaos notifyChaos,
        FeeRate feeRate,
        RefundPaybillColumn refundPaybillColumn,
        ReportLayout reportLayout,
        ListSigning listSigning,
        boolean cardSmsVerification,
        boolean notifyCardHolder) {

    public Merchant {
        products = Set.copyOf(products);
    }

    /** A merchant whose MPAY notifications carry no card holder fields, the default. */
    public Merchant(long id, String oidPartner, String name, PublicKey publicKey, String publicKeyText,
                    Set<ProductIdentity> products, IpAllowList ipAllowList, MerchantStatus status, Instant createdAt,
                    NotifyChaos notifyChaos, FeeRate feeRate, RefundPaybillColumn refundPaybillColumn,
                    ReportLayout reportLayout, ListSigning listSigning, boolean cardSmsVerification) {
        this(id, oidPartner, name, publicKey, publicKeyText, products, ipAllowList, status, createdAt, notifyChaos,
                feeRate, refundPaybillColumn, reportLayout, listSigning, cardSmsVerification, false);
    }

    public boolean has(ProductIdentity product) {
        return products.contains(product);
    }

    /** What transactions and ledger entries know of the merchant. */
    public MerchantRef ref() {
        return new MerchantRef(id, oidPartner);
    }
}
