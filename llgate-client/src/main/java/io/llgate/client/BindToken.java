package io.llgate.client;

/**
 * The answer to a card bind apply, spec 22 §3: the code was texted to the holder's mobile; verify it with this token.
 *
 * @param userId the payer, as the answer repeats it
 * @param token  what {@link CardBinding#verify} takes with the code, valid 30 minutes
 */
public record BindToken(String userId, String token, VerifiedMessage reply) {
}
