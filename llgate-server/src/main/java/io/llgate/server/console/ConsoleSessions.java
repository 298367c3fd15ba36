package io.llgate.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Console logins, kept in the database so that every node of a cluster knows them. The browser holds a random
 * session id; the table holds its SHA-256, so reading the table logs nobody in. A session unused for
 * {@link #IDLE_TIMEOUT} is over: the next request finds none and removes it.
 */
public final class ConsoleSessions {
    /** How long a console left alone stays logged in. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final SecureRandom random = new SecureRandom();
    private final Jdbi jdbi;
    private final Clock clock;

    public ConsoleSessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new login's session id (for the cookie) and what requests will find. */
    public record Opened(String id, ConsoleSession session) {
    }

    public Opened open(String actor, String source) {
        String id = randomToken();
        String hash = hash(id);
        ConsoleSession session = new ConsoleSession(hash.substring(0, 12), randomToken(), actor, source);
        Instant now = clock.instant();
        jdbi.useHandle(h -> {
            // Logins nobody ended leave rows behind; each login clears the idle ones.
            h.createUpdate("DELETE FROM console_session WHERE last_seen_at < :idle")
                    .bind("idle", now.minus(IDLE_TIMEOUT)).execute();
            h.createUpdate("""
                    INSERT INTO console_session (id_hash, csrf_token, actor, source, created_at, last_seen_at)
                    VALUES (:hash, :csrf, :actor, :source, :now, :now)""")
                    .bind("hash", hash).bind("csrf", session.csrfToken()).bind("actor", actor)
                    .bind("source", source).bind("now", now).execute();
        });
        return new Opened(id, session);
    }

    /**
     * The live session of a cookie's id, marked as used now unless {@code touch} is false (a page's own live update,
     * which is no sign of someone at the screen); empty when there is none or it was idle too long.
     */
    public Optional<ConsoleSession> use(String id, boolean touch) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        String hash = hash(id);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int used = h.createUpdate("""
                    UPDATE console_session SET last_seen_at = CASE WHEN :touch THEN :now ELSE last_seen_at END
                    WHERE id_hash = :hash AND last_seen_at >= :idle""")
                    .bind("touch", touch).bind("now", now).bind("hash", hash).bind("idle", now.minus(IDLE_TIMEOUT))
                    .execute();
            if (used == 0) {
                h.createUpdate("DELETE FROM console_session WHERE id_hash = :hash").bind("hash", hash).execute();
                return Optional.empty();
            }
            return h.createQuery("SELECT csrf_token, actor, source FROM console_session WHERE id_hash = :hash")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new ConsoleSession(hash.substring(0, 12), rs.getString("csrf_token"),
                            rs.getString("actor"), rs.getString("source")))
                    .findOne();
        });
    }

    /** Ends the login of a cookie's id: logout. */
    public void close(String id) {
        if (id != null && id.length() <= 64) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_session WHERE id_hash = :hash")
                    .bind("hash", hash(id)).execute());
        }
    }

    /** 32 random bytes, URL-safe base64: a session id or a CSRF token. */
    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
