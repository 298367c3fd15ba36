package io.llgate.server.ledger;

/**
 * One ledger account: a merchant's, keyed by the merchant's id and the account's kind, or one of the gateway's own
 * (merchant id null).
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

    /** The gateway's accounts are found by their key, made by the migrations; a merchant's by id and kind. */
    String gatewayKey() {
        return "gateway:" + kind.name();
    }

    @Override
    public String toString() {
        return isMerchants() ? "merchant " + merchantId + " " + kind : "gateway " + kind;
    }
}
