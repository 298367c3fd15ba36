package io.llgate.client;

/**
 * Every failure the client reports. {@link #outcomeUnknown()} tells a merchant whether the gateway may have
 * acted on the request anyway, in which case the order must be queried before it is treated as failed.
 */
public abstract class LlGateException extends RuntimeException {
    private final boolean outcomeUnknown;

    protected LlGateException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** True when the request may have taken effect although the call failed: query before concluding it failed. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
