package io.llgate.client;

/**
 * A request field the gateway would refuse with {@code 1004}, caught before sending; nothing was sent.
 */
public final class InvalidFieldException extends LlGateException {
    private final String field;

    InvalidFieldException(String field, String reason) {
        super(field + ": " + reason, null, false);
        this.field = field;
    }

    /** The field's wire name, e.g. {@code money_order}. */
    public String field() {
        return field;
    }
}
