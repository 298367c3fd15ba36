package io.llgate.server.kernel;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The port card payments use for {@code pay_type} {@code F}: the product that keeps pre-authorizations records one
 * the issuer approved, in the caller's transaction, and from then on captures, cancels and expires it; the payment
 * that authorized reads where it stands.
 */
public interface PreAuthorizations {

    /** Records an approved authorization with the payment that made it; nothing is owed to the merchant yet. */
    void authorized(Handle h, PreAuthorization authorization);

    /** Where the merchant's authorization made by the payment {@code oidPaybill} stands now; empty when none was recorded. */
    Optional<Standing> standing(Handle h, long merchantId, String oidPaybill);

    /** The stages of an authorization, as the pre-authorization status query (20 §10) names them. */
    enum Stage {
        /** The issuer holds the amount ({@code PR07}). */
        AUTHORIZED,
        /** Captured, in full or in part ({@code PR11}): the captured amount is the merchant's. */
        CAPTURED,
        /** Cancelled by the merchant ({@code PR14}): released, no money moved. */
        CANCELLED,
        /** Neither captured nor cancelled within its hold ({@code 2006}): released, no money moved. */
        EXPIRED
    }

    /**
     * An authorization as it stands at the time asked.
     *
     * @param money      the captured amount once captured, else the authorized one, in fen
     * @param settleDate the business day of the capture; null until captured
     * @param message    the status query's {@code ret_msg} for the stage
     */
    record Standing(Stage stage, long money, String settleDate, String message) {
    }
}
