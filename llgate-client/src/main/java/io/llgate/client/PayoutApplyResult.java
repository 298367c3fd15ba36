package io.llgate.client;

/**
 * What a payout apply achieved: the payout went to the bank ({@link Accepted}), or the gateway holds it
 * until the merchant confirms it ({@link NeedsConfirmation}). Every other answer is an exception.
 */
public sealed interface PayoutApplyResult {

    /** The merchant's payout number. */
    String noOrder();

    /** The signed reply. */
    VerifiedMessage reply();

    /**
     * {@code 0000}: the payout exists and is with the bank ({@code PROCESSING}); its result comes by
     * notification or query.
     */
    record Accepted(String noOrder, String oidPaybill, VerifiedMessage reply) implements PayoutApplyResult {
    }

    /**
     * {@code 4002}, {@code 4003} or {@code 4004}: no payout yet. Confirm it with {@code confirmCode} within
     * 24 hours ({@link InstantPayments#confirm}), or let it close.
     */
    record NeedsConfirmation(String noOrder, String confirmCode, Reason reason, VerifiedMessage reply)
            implements PayoutApplyResult {
    }

    /** Why a payout is held. */
    enum Reason {
        /** 4002: the same payee was paid within the last 24 hours. */
        SUSPECTED_DUPLICATE("4002"),
        /** 4003: the payee's name does not match the card. */
        NAME_MISMATCH("4003"),
        /** 4004: both. */
        SUSPECTED_DUPLICATE_AND_NAME_MISMATCH("4004");

        private final String retCode;

        Reason(String retCode) {
            this.retCode = retCode;
        }

        /** The {@code ret_code} that says so. */
        public String retCode() {
            return retCode;
        }
    }
}
