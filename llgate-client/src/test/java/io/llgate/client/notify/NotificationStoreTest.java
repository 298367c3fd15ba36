package io.llgate.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.notify.NotificationStore.Claim;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Every store keeps the same promises: one claimant at a time, done is done, a dead claim expires. */
class NotificationStoreTest {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Instant T0 = Instant.parse("2024-06-12T01:30:15Z");
    /** The tables the JDBC stores made, dropped at the end: the PostgreSQL test database outlives the run. */
    static final Map<String, DataSource> TABLES = new ConcurrentHashMap<>();

    static Stream<Named<NotificationStore>> stores() {
        List<Named<NotificationStore>> stores = new ArrayList<>();
        stores.add(Named.of("in memory", new InMemoryNotificationStore()));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:store_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        stores.add(Named.of("JDBC on H2", jdbc(h2)));
        String pg = System.getenv("LLGATE_TEST_PG_URL");
        if (pg != null && !pg.isBlank()) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(pg);
            postgres.setUser(System.getenv().getOrDefault("LLGATE_TEST_PG_USER", "postgres"));
            postgres.setPassword(System.getenv().getOrDefault("LLGATE_TEST_PG_PASSWORD", ""));
            stores.add(Named.of("JDBC on PostgreSQL", jdbc(postgres)));
        }
        return stores.stream();
    }

    /** A store in a table of its own, so runs never see each other's keys. */
    private static NotificationStore jdbc(DataSource dataSource) {
        String table = "llgate_notification_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TABLES.put(table, dataSource);
        return new JdbcNotificationStore(dataSource, table).createTableIfMissing();
    }

    @AfterAll
    static void dropTables() throws SQLException {
        for (Map.Entry<String, DataSource> table : TABLES.entrySet()) {
            try (Connection c = table.getValue().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table.getKey());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aKeyIsClaimedOnceAndDoneForGood(NotificationStore store) {
        String key = key();

        assertThat(store.claim(key, T0, LEASE)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim(key, T0.plusSeconds(1), LEASE)).isEqualTo(Claim.BUSY);
        store.complete(key, T0.plusSeconds(2));
        assertThat(store.claim(key, T0.plusSeconds(3), LEASE)).isEqualTo(Claim.DONE);
        assertThat(store.claim(key, T0.plus(Duration.ofDays(30)), LEASE)).isEqualTo(Claim.DONE);
        assertThat(store.claim(key(), T0, LEASE)).as("another key").isEqualTo(Claim.CLAIMED);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aReleasedKeyCanBeClaimedAgain(NotificationStore store) {
        String key = key();
        store.claim(key, T0, LEASE);

        store.release(key);

        assertThat(store.claim(key, T0.plusSeconds(1), LEASE)).isEqualTo(Claim.CLAIMED);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aClaimOlderThanTheLeaseIsTakenOverOnce(NotificationStore store) {
        String key = key();
        store.claim(key, T0, LEASE);

        assertThat(store.claim(key, T0.plus(LEASE).minusMillis(1), LEASE)).isEqualTo(Claim.BUSY);
        assertThat(store.claim(key, T0.plus(LEASE), LEASE)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim(key, T0.plus(LEASE).plusSeconds(1), LEASE)).isEqualTo(Claim.BUSY);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void ofManyClaimingAtOnceOneWins(NotificationStore store) throws Exception {
        String key = key();
        List<Callable<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(() -> store.claim(key, T0, LEASE));
        }

        List<Claim> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Claim> answer : pool.invokeAll(claims)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).containsOnlyOnce(Claim.CLAIMED).containsOnly(Claim.CLAIMED, Claim.BUSY);
    }

    private static String key() {
        return "201912300000123456:" + UUID.randomUUID() + ":SUCCESS";
    }
}
