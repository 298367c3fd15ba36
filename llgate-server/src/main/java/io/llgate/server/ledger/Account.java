package io.llgate.server.ledger;

import io.llgate.server.kernel.Money;
import java.util.Currency;

/**
 * One ledger account: a merchant's, keyed by the merchant's id and the account's kind, or one of the gateway's own
 * (merchant id null). The owner has one such account per currency it holds money in; a posting's amount names which.
 */
public record Account(Long merchantId, AccountKind kind) {

    public Account {
        if ((merchantId != null) != kind.perMerchant()) {
            throw new IllegalArgumentException(kind + (kind.perMerchant() ? " belongs to a merchant" : " is the gateway's"));
        }
    }

    public static Account merchant(long merchantId, AccountKind kind) {
        return new Account(merchantId, kind);
    }

    public static Account gateway(AccountKind kind) {
        return new Account(null, kind);
    }

    boolean isMerchants() {
        return merchantId != null;
    }

    /**
     * The gateway's accounts are found by their key, a merchant's by id, kind and currency. A CNY account keeps the
     * key it always had; an account in another currency has the currency after it ({@code gateway:FEES:USD}).
     */
    String gatewayKey(Currency currency) {
        return "gateway:" + kind.name() + suffix(currency);
    }

    /** What follows the CNY account's key in the key of the account of the same owner and kind in {@code currency}. */
    static String suffix(Currency currency) {
        return currency.equals(Money.CNY) ? "" : ":" + currency.getCurrencyCode();
    }

    @Override
    public String toString() {
        return isMerchants() ? "merchant " + merchantId + " " + kind : "gateway " + kind;
    }
}
