package io.llgate.client;

/**
 * The gateway answered something the protocol does not allow: not JSON, a field missing or malformed,
 * or an answer about another merchant or order. The request may have taken effect.
 */
public class LlGateProtocolException extends LlGateException {
    private final String replyText;

    LlGateProtocolException(String message, String replyText) {
        super(message, null, true);
        this.replyText = replyText;
    }

    /** The answer exactly as received. */
    public String replyText() {
        return replyText;
    }
}
