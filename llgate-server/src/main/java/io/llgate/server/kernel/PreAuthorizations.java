package io.llgate.server.kernel;

import org.jdbi.v3.core.Handle;

/**
 * The port card payments use for {@code pay_type} {@code F}: the product that keeps pre-authorizations records one
 * the issuer approved, in the caller's transaction, and from then on captures, cancels and expires it.
 */
public interface PreAuthorizations {

    /** Records an approved authorization with the payment that made it; nothing is owed to the merchant yet. */
    void authorized(Handle h, PreAuthorization authorization);
}
