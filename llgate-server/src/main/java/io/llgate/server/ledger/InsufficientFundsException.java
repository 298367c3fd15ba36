package io.llgate.server.ledger;

/** A posting would have taken an account that must stay non-negative below zero. */
public final class InsufficientFundsException extends RuntimeException {
    public InsufficientFundsException(Account account) {
        super("insufficient funds in " + account);
    }
}
