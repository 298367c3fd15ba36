package io.llgate.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.llgate.server.security.FailureLimit;
import io.llgate.server.security.FailureThrottle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin token>}. Tokens are compared by their
 * SHA-256 digests in constant time, so neither the token's content nor its length shows in the answer's
 * timing. A source address with too many wrong tokens is answered 429 with {@code Retry-After}, whatever
 * token it sends, until its bucket refills; other sources are not affected.
 */
public final class AdminAuth implements Handler {
    private static final Logger log = LoggerFactory.getLogger(AdminAuth.class);

    private final byte[] tokenDigest;
    private final FailureThrottle failures;

    public AdminAuth(String token, FailureLimit failuresPerSource) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        this.tokenDigest = digest(token);
        this.failures = new FailureThrottle(failuresPerSource);
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        check(ctx, header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : "");
    }

    /**
     * Checks a token given another way (the console's login form), with the same throttle: throws the
     * {@link AdminException} 401 or 429 the admin API would answer.
     */
    public void check(Context ctx, String given) {
        String source = FailureThrottle.sourceOf(ctx.ip());
        Optional<Duration> throttled = failures.throttled(source);
        if (throttled.isPresent()) {
            long seconds = FailureThrottle.retryAfterSeconds(throttled.get());
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new AdminException(429, "too many wrong admin tokens from this address; try again in "
                    + seconds + " s");
        }
        if (!MessageDigest.isEqual(digest(given), tokenDigest)) {
            if (failures.failed(source)) {
                log.warn("admin API: too many wrong tokens from {}; answering 429 for a while", ctx.ip());
            }
            throw new AdminException(401, "missing or wrong admin token (Authorization: Bearer <token>)");
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
