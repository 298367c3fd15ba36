package io.llgate.server.merchant;

/** A merchant with that {@code oid_partner} is already registered. */
public final class DuplicateMerchantException extends RuntimeException {
    public DuplicateMerchantException(String oidPartner) {
        super("merchant " + oidPartner + " already exists");
    }
}
