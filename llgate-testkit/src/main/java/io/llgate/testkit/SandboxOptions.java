package io.llgate.testkit;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import java.time.Duration;

/**
 * How a sandbox starts: the merchant's opening balance, how long the sandbox bank takes, and the notification
 * schedule. The defaults suit tests: an instant bank and retries a fifth of a second apart.
 *
 * @param balanceFen the merchant's available balance at start, in fen
 * @param bankDelay how long the sandbox bank takes to settle a payout
 * @param notifyAttempts attempts per notification, the first one included
 * @param notifyInterval time between attempts
 * @param notifyTimeout time the merchant has to answer one attempt
 */
public record SandboxOptions(long balanceFen, Duration bankDelay, int notifyAttempts, Duration notifyInterval,
                             Duration notifyTimeout) {

    public SandboxOptions {
        if (balanceFen < 0) {
            throw new IllegalArgumentException("the opening balance cannot be negative");
        }
        if (bankDelay.isNegative()) {
            throw new IllegalArgumentException("the bank delay cannot be negative");
        }
    }

    /** 1,000,000.00 yuan, an instant bank, 5 attempts 200 ms apart, 2 s to answer each. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(100_000_000L, Duration.ZERO, 5, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    /** The options an annotated test class asks for. */
    static SandboxOptions of(LlGateSandbox annotation) {
        long balance;
        try {
            balance = Amounts.parseBalanceFen(annotation.balance());
        } catch (FieldFormatException e) {
            throw new IllegalArgumentException("@LlGateSandbox(balance) must look like 1000.00: " + e.getMessage(), e);
        }
        return new SandboxOptions(balance, Duration.ofMillis(annotation.bankDelayMillis()), annotation.notifyAttempts(),
                Duration.ofMillis(annotation.notifyIntervalMillis()), Duration.ofMillis(annotation.notifyTimeoutMillis()));
    }

    public SandboxOptions withBalanceFen(long fen) {
        return new SandboxOptions(fen, bankDelay, notifyAttempts, notifyInterval, notifyTimeout);
    }

    public SandboxOptions withBankDelay(Duration delay) {
        return new SandboxOptions(balanceFen, delay, notifyAttempts, notifyInterval, notifyTimeout);
    }

    public SandboxOptions withNotifySchedule(int attempts, Duration interval, Duration timeout) {
        return new SandboxOptions(balanceFen, bankDelay, attempts, interval, timeout);
    }
}
