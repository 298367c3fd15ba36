package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.store.Database;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Notifications queued before they carried their host: the upgrade gives each the host the dispatcher would
 * count its attempts under, so claims per host find them.
 */
class NotificationHostUpgradeTest {
    private static final List<String> URLS = List.of("https://Shop.Example.com/notify", "http://127.0.0.1:8080/n?x=1",
            "http://user@[::1]:9/n", "http://h.example:/n");

    @Test
    void upgradeTakesEachQueuedNotificationsHostFromItsUrl() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("13").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        before.useTransaction(h -> {
            long merchant = h.createUpdate("""
                            INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                            VALUES ('201900000000000044', 'shop', 'key', 'instant-payment', 'ACTIVE', :at)""")
                    .bind("at", Instant.EPOCH)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int i = 0; i < URLS.size(); i++) {
                h.createUpdate("""
                                INSERT INTO notification (merchant_id, product, reference, no_order, result, url, body,
                                    status, attempts, max_attempts, next_attempt_at, created_at, updated_at)
                                VALUES (:merchant, 'INSTANT_PAYMENT', :ref, :ref, 'SUCCESS', :url, '{}', 'PENDING', 0, 30,
                                    :at, :at, :at)""")
                        .bind("merchant", merchant).bind("ref", "2026112277" + i).bind("url", URLS.get(i))
                        .bind("at", Instant.EPOCH)
                        .execute();
            }
        });

        try (Database upgraded = Database.open(settings)) {
            List<String> hosts = upgraded.jdbi().withHandle(h -> h.createQuery(
                    "SELECT host FROM notification ORDER BY id").mapTo(String.class).list());
            assertThat(hosts).containsExactlyElementsOf(URLS.stream().map(NotificationDispatcher::hostOf).toList());
        }
    }
}
