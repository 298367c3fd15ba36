package io.llgate.server.merchant;

/** The merchant already has a top-up with that reference. */
public final class DuplicateTopUpException extends RuntimeException {
    public DuplicateTopUpException(String oidPartner, TopUpReference reference) {
        super("merchant " + oidPartner + " already has a top-up with reference " + reference.text());
    }
}
