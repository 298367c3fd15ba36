package io.llgate.client;

import java.util.OptionalInt;

/**
 * No readable exchange with the gateway: the connection failed, the call timed out, or the answer was
 * not HTTP 200. Whether the request may have arrived is in {@link #outcomeUnknown()}.
 */
public final class LlGateTransportException extends LlGateException {
    private final Integer httpStatus;

    LlGateTransportException(String message, Throwable cause, Integer httpStatus, boolean requestMayHaveArrived) {
        super(message, cause, requestMayHaveArrived);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status when the gateway (or something in front of it) answered with one other than 200. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
