package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.server.GatewayMode;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.MerchantStatus;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.kernel.ProductIdentity;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every merchant request passes, whether it arrives as JSON from the merchant's server or as a
 * form from the payer's browser: who the merchant is, whether it may call from there, whether the
 * signature verifies, and whether it has the product. Each refusal is an {@link Refusal}.
 */
public final class MerchantChecks {
    /** Shown to developers in sandbox mode beside a 1001, so a signature mismatch explains itself. */
    public static final String SIGN_SOURCE_HINT = "llgate_sign_source";

    private final Merchants merchants;
    private final GatewayMode mode;

    public MerchantChecks(Merchants merchants, GatewayMode mode) {
        this.merchants = merchants;
        this.mode = mode;
    }

    /** The merchant named by {@code oid_partner}: 1004 without one, 3001 when unknown. */
    public Merchant identify(Map<String, String> fields) {
        String oidPartner = MessageSignature.field(fields, "oid_partner")
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> Refusal.badField("oid_partner"));
        return merchants.find(oidPartner).orElseThrow(() -> Refusal.of(RetCode.ILLEGAL_MERCHANT, "oid_partner"));
    }

    /**
     * Whether the merchant may call at all: 1008 when {@code sourceIp} is given and not on its allow-list,
     * 1009 when it is suspended.
     */
    public void admit(Merchant merchant, Optional<String> sourceIp) {
        if (sourceIp.isPresent() && !merchant.ipAllowList().allows(sourceIp.get())) {
            throw Refusal.of(RetCode.IP_NOT_ALLOWED);
        }
        if (merchant.status() == MerchantStatus.SUSPENDED) {
            throw Refusal.of(RetCode.MERCHANT_SUSPENDED);
        }
    }

    /**
     * The request once its {@code sign_type} is known (1004), its signature verifies with the merchant's key
     * (1001, with the sign source in sandbox mode) and the merchant has {@code product} (null: any merchant).
     */
    public ApiRequest verify(Merchant merchant, Map<String, String> fields, ProductIdentity product) {
        SignType signType = signTypeOf(fields);
        boolean signed = MessageSignature.field(fields, "sign").filter(v -> !v.isBlank()).isPresent();
        MessageSignature.Verification verification = signed
                ? MessageSignature.verify(merchant.publicKey(), signType, fields)
                : null;
        if (verification == null || !verification.valid()) {
            Refusal refusal = Refusal.of(RetCode.SIGN_ERROR, "sign");
            if (mode.isSandbox()) {
                String source = verification != null ? verification.signSource() : SignSource.of(fields);
                // A card's CVV2 is never echoed, not even to the merchant that sent it.
                refusal = refusal.with(SIGN_SOURCE_HINT, source.replaceAll("(^|&)cvv2=[^&]*", "$1cvv2=***"));
            }
            throw refusal;
        }
        requireProduct(merchant, product);
        return new ApiRequest(merchant, fields, signType);
    }

    /** The product's own refusal (4005, 5004, 3010) when the merchant was not granted {@code product} (null: any merchant). */
    public void requireProduct(Merchant merchant, ProductIdentity product) {
        if (product != null && product.isGranted() && !merchant.has(product)) {
            throw Refusal.of(product.refusalWithoutGrant().orElseThrow());
        }
    }

    /** The {@code sign_type} a request names, or RSA when it names none that is known: what a refusal is signed with. */
    static SignType signTypeOrRsa(Map<String, String> fields) {
        return MessageSignature.field(fields, "sign_type").flatMap(SignType::parse).orElse(SignType.RSA);
    }

    private static SignType signTypeOf(Map<String, String> fields) {
        String text = MessageSignature.field(fields, "sign_type")
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> Refusal.badField("sign_type"));
        return SignType.parse(text).orElseThrow(() -> Refusal.badField("sign_type"));
    }

}
