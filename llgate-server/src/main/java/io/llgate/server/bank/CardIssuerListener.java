package io.llgate.server.bank;

/**
 * What a product that charges cards does with an issuer's late answer to a charge it left pending. A reference that
 * is not the product's, or whose charge is no longer pending, is not applied.
 */
public interface CardIssuerListener {

    /** Applies the issuer's answer to the pending charge {@code reference}; false when there is none to apply it to. */
    boolean answered(String reference, IssuerAnswer answer);
}
