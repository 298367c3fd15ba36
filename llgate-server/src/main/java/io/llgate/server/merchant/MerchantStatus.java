package io.llgate.server.merchant;

/** Whether a merchant may use the gateway. */
public enum MerchantStatus {
    ACTIVE,
    /** Requests are refused with 1009 until the merchant is reactivated. */
    SUSPENDED
}
