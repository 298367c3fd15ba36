package io.llgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written before text columns were widened to hold their limit in characters outside the Basic
 * Multilingual Plane: upgrading it keeps every row and constraint, and a payout at its limits in emoji fits.
 */
class TextWidthUpgradeTest {
    private static final String EMOJI = "😀";
    private static final String NOT_NULL_VIOLATION = "23502";

    @Test
    void upgradedDatabaseKeepsItsRowsAndHoldsEveryLimitInEmoji() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("7").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        long merchant = before.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                            VALUES ('201900000000000043', 'shop', 'key', 'instant-payment', 'ACTIVE', :at)""")
                    .bind("at", Instant.EPOCH)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            insertPayout(h, id, "PO-1", "供应商结算", false);
            return id;
        });

        try (Database upgraded = Database.open(settings)) {
            Jdbi jdbi = upgraded.jdbi();
            jdbi.useHandle(h -> {
                assertThat(h.createQuery("SELECT info_order FROM instant_payment WHERE no_order = 'PO-1'")
                        .mapTo(String.class).one()).isEqualTo("供应商结算");

                String noOrder = EMOJI.repeat(32);
                insertPayout(h, merchant, noOrder, EMOJI.repeat(255), true);
                h.createUpdate("UPDATE merchant SET name = :name WHERE id = :id")
                        .bind("name", EMOJI.repeat(128)).bind("id", merchant).execute();
                assertThat(h.createQuery("SELECT info_order FROM instant_payment WHERE no_order = :no")
                        .bind("no", noOrder).mapTo(String.class).one()).isEqualTo(EMOJI.repeat(255));

                assertThatThrownBy(() -> insertPayout(h, merchant, noOrder, null, true))
                        .satisfies(e -> assertThat(Conflicts.isUniqueViolation(e)).isTrue());
                assertThatThrownBy(() -> insertPayout(h, merchant, null, null, true))
                        .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NOT_NULL_VIOLATION));
            });
        }
    }

    /** A payout row as the schema of the time holds it: {@code upgraded} ones also carry their payee kind (V10). */
    private static void insertPayout(Handle h, long merchant, String noOrder, String infoOrder, boolean upgraded) {
        h.createUpdate("""
                        INSERT INTO instant_payment (merchant_id, no_order, dt_order, money_order, flag_card, card_hash,
                            card_mask, card_sealed, acct_name_sealed, info_order, notify_url, status, confirm_failures,
                            created_at, updated_at<payeeKindColumn>)
                        VALUES (:merchant, :no, '20261120100000', 500, '0', 'hash', '621700******0002', 'sealed',
                            'sealed', :info, 'https://shop.example.com/notify', 'PROCESSING', 0, :at, :at<payeeKind>)""")
                .define("payeeKindColumn", upgraded ? ", payee_kind" : "")
                .define("payeeKind", upgraded ? ", 'PERSONAL'" : "")
                .bind("merchant", merchant).bind("no", noOrder).bind("info", infoOrder).bind("at", Instant.EPOCH)
                .execute();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
