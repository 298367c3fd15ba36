package io.llgate.server.instantpay;

import java.time.Duration;

/**
 * The confirmation rules: how far back a payout to the same card makes a new one suspect, whether
 * the amount must also match, how long a suspect order waits, and how many wrong confirm codes it takes.
 */
public record InstantPaymentRules(
        Duration duplicateWindow, boolean duplicateNeedsSameAmount, Duration confirmWindow, int maxConfirmFailures) {

    public static InstantPaymentRules lianLian() {
        return new InstantPaymentRules(Duration.ofHours(24), false, Duration.ofHours(24), 6);
    }
}
