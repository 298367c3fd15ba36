package io.llgate.client;

import java.util.Optional;

/** The documented states of a credit card's pre-authorization, as the status query answers them in {@code ret_code}. */
public enum PreAuthState {
    /** {@code 2003}: the payment order is created. */
    ORDER_CREATED("2003"),
    /** {@code 2006}: expired (LLGate: after 30 days neither captured nor cancelled). */
    EXPIRED("2006"),
    /** {@code PR07}: authorized; the amount is held on the card. */
    AUTHORIZED("PR07"),
    /** {@code PR08}: the authorization awaits verification. */
    AWAITING_VERIFICATION("PR08"),
    /** {@code PR09}: the authorization is being processed. */
    AUTHORIZING("PR09"),
    /** {@code PR10}: the authorization failed. */
    AUTHORIZATION_FAILED("PR10"),
    /** {@code PR11}: captured. */
    CAPTURED("PR11"),
    /** {@code PR12}: the capture is being processed. */
    CAPTURING("PR12"),
    /** {@code PR13}: the capture failed. */
    CAPTURE_FAILED("PR13"),
    /** {@code PR14}: cancelled; the hold is released. */
    CANCELLED("PR14"),
    /** {@code PR15}: the cancel is being processed. */
    CANCELLING("PR15"),
    /** {@code PR16}: the cancel failed. */
    CANCEL_FAILED("PR16");

    private final String code;

    PreAuthState(String code) {
        this.code = code;
    }

    /** The code on the wire. */
    public String code() {
        return code;
    }

    /** The state of a received {@code ret_code}, if it is one of the documented states. */
    public static Optional<PreAuthState> of(String code) {
        for (PreAuthState value : values()) {
            if (value.code.equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
