package io.llgate.server.bank;

import io.llgate.protocol.RetCode;
import java.util.Objects;

/**
 * A card issuer's answer: approved, declined with the return code the merchant receives, or pending while the bank
 * has not answered (a timeout).
 */
public record IssuerAnswer(Outcome outcome, RetCode refusal) {

    /** What became of a charge or a check. */
    public enum Outcome { APPROVED, DECLINED, PENDING }

    public IssuerAnswer {
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.DECLINED) != (refusal != null)) {
            throw new IllegalArgumentException("a declined answer, and only it, carries a refusal");
        }
    }

    public static IssuerAnswer approved() {
        return new IssuerAnswer(Outcome.APPROVED, null);
    }

    public static IssuerAnswer declined(RetCode refusal) {
        return new IssuerAnswer(Outcome.DECLINED, refusal);
    }

    public static IssuerAnswer pending() {
        return new IssuerAnswer(Outcome.PENDING, null);
    }
}
