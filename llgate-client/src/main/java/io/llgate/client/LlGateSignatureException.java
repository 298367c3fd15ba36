package io.llgate.client;

/**
 * The answer's signature does not verify with the gateway's public key, or a success came unsigned.
 * Such an answer is never used: either the configured gateway key is wrong or the answer was tampered with.
 */
public final class LlGateSignatureException extends LlGateProtocolException {
    LlGateSignatureException(String message, String replyText) {
        super(message, replyText);
    }
}
