package io.llgate.client;

import java.util.Optional;

/**
 * The gateway's {@code 8888} answer to an MPAY bind apply (spec 21 §4): the code was texted; verify it with the token.
 *
 * @param noOrder the binding request's serial number, echoed
 * @param dtOrder the binding request's time, echoed
 */
public record MpayBindToken(String userId, String token, Optional<String> noOrder, Optional<String> dtOrder,
                            VerifiedMessage reply) {
}
