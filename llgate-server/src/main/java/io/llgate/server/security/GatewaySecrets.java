package io.llgate.server.security;

import io.llgate.protocol.RsaKeys;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The gateway's secrets, kept in the database so that every node of a cluster shares them:
 * the RSA key pair and the key that seals card data at rest. Created on first start.
 */
public final class GatewaySecrets {
    static final String GATEWAY_PRIVATE_KEY = "gateway_private_key";
    static final String DATA_KEY = "data_key";

    private final Jdbi jdbi;
    private final Clock clock;

    public GatewaySecrets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Returns the gateway key pair: the imported one when given (replacing any stored key),
     * else the stored one, else a new 2048-bit pair.
     */
    public GatewayKeys gatewayKeys(Optional<PrivateKey> imported) {
        return jdbi.inTransaction(h -> {
            PrivateKey key;
            if (imported.isPresent()) {
                key = imported.get();
                h.createUpdate("DELETE FROM gateway_secret WHERE name = :name").bind("name", GATEWAY_PRIVATE_KEY).execute();
                insert(h, GATEWAY_PRIVATE_KEY, RsaKeys.base64(key));
            } else {
                key = RsaKeys.parsePrivate(stored(h, GATEWAY_PRIVATE_KEY)
                        .orElseGet(() -> insertOrGet(h, GATEWAY_PRIVATE_KEY, RsaKeys.base64(RsaKeys.generate(2048).getPrivate()))));
            }
            return new GatewayKeys(key, RsaKeys.publicKeyOf(key));
        });
    }

    /** The 256-bit key that seals card numbers and names at rest. */
    public byte[] dataKey() {
        return jdbi.inTransaction(h -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String text = stored(h, DATA_KEY).orElseGet(() -> insertOrGet(h, DATA_KEY, Base64.getEncoder().encodeToString(fresh)));
            return Base64.getDecoder().decode(text);
        });
    }

    private static Optional<String> stored(Handle h, String name) {
        return h.createQuery("SELECT secret FROM gateway_secret WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }

    /** Two nodes starting at once may both try to create a secret; the first one written wins. */
    private String insertOrGet(Handle h, String name, String value) {
        try {
            h.execute("SAVEPOINT create_secret");
            insert(h, name, value);
            h.execute("RELEASE SAVEPOINT create_secret");
            return value;
        } catch (RuntimeException e) {
            h.execute("ROLLBACK TO SAVEPOINT create_secret");
            return stored(h, name).orElseThrow(() -> e);
        }
    }

    private void insert(Handle h, String name, String value) {
        h.createUpdate("INSERT INTO gateway_secret (name, secret, created_at) VALUES (:name, :secret, :now)")
                .bind("name", name)
                .bind("secret", value)
                .bind("now", clock.instant())
                .execute();
    }
}
