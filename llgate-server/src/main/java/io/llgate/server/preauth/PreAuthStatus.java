package io.llgate.server.preauth;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * Where a pre-authorization stands, the code the status query answers in {@code ret_code} (20 §10), and the only
 * moves it can make: an authorization is captured, cancelled or expires, and each of those is final. Capture and
 * cancel are done in the request that asks for them, so the processing states ({@code PR12}, {@code PR15}) and the
 * failures a processing state could end in ({@code PR13}, {@code PR16}) never occur.
 */
public enum PreAuthStatus {
    /** The issuer holds the amount on the card. */
    AUTHORIZED("PR07", "预授权成功"),
    /** Captured, in full or in part: the captured amount is the merchant's. */
    CAPTURED("PR11", "预授权完成成功"),
    /** Cancelled by the merchant: the hold is released and no money moved. */
    CANCELLED("PR14", "预授权撤销成功"),
    /** Neither captured nor cancelled within its hold: released, and no money moved. */
    EXPIRED(RetCode.EXPIRED.code(), RetCode.EXPIRED.message());

    /** Every allowed move, in one place; a status with none is final. */
    private static final Transitions<PreAuthStatus> MOVES = Transitions.of(PreAuthStatus.class, "a pre-authorization")
            .allow(AUTHORIZED, CAPTURED, CANCELLED, EXPIRED)
            .build();

    private final String code;
    private final String message;

    PreAuthStatus(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stage the kernel's port names this state by, for the payment that authorized. */
    public PreAuthorizations.Stage stage() {
        return switch (this) {
            case AUTHORIZED -> PreAuthorizations.Stage.AUTHORIZED;
            case CAPTURED -> PreAuthorizations.Stage.CAPTURED;
            case CANCELLED -> PreAuthorizations.Stage.CANCELLED;
            case EXPIRED -> PreAuthorizations.Stage.EXPIRED;
        };
    }

    /** The status query's {@code ret_code}. */
    public String code() {
        return code;
    }

    /** The status query's {@code ret_msg}. */
    public String message() {
        return message;
    }

    public boolean canMoveTo(PreAuthStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless a pre-authorization in this state may move to {@code next}. */
    public void requireMoveTo(PreAuthStatus next) {
        MOVES.require(this, next);
    }

    /** The states a pre-authorization in this state may move to; none once it is final. */
    public Set<PreAuthStatus> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this state. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }
}
