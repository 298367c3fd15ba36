package io.llgate.server.bank;

/**
 * Something outside the gateway that it moves money or messages through (a bank, an SMS provider). Every channel
 * says whether it is a sandbox stand-in, so that a production gateway runs stand-ins only when its operator says so.
 */
public interface Channel {

    /**
     * True for a simulation that moves no real money and sends no real messages. No default: an implementation
     * that forgot to say would otherwise pass for a real one in production.
     */
    boolean isSandbox();

    /** What the channel is for, as start-up messages, {@code /health/ready} and logs name it, e.g. {@code bank}. */
    String purpose();

    /** The purpose and the implementation, e.g. {@code bank (SandboxBank)}: what an operator reads at start. */
    default String describe() {
        return purpose() + " (" + getClass().getSimpleName() + ")";
    }
}
