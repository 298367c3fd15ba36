package io.llgate.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a request through only with {@code Authorization: Bearer <admin token>}. */
public final class AdminAuth implements Handler {
    private final byte[] token;

    public AdminAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            throw new AdminException(401, "missing or wrong admin token (Authorization: Bearer <token>)");
        }
    }
}
