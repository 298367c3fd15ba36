package io.llgate.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.store.Database;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written before report files had a layout: its merchants keep the documented layout, and its paid
 * payouts get the time they were paid (their ledger entry's), so the payout files list them as they were.
 */
class ReportLayoutUpgradeTest {
    private static final Instant PAID = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant REVERSED = Instant.parse("2026-11-20T05:00:00Z");

    @Test
    void merchantsKeepTheDocumentedLayoutAndPaidPayoutsGetWhenTheyWerePaid() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("7").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        before.useTransaction(ReportLayoutUpgradeTest::payoutsAsVersion7WroteThem);

        try (Database upgraded = Database.open(settings)) {
            Jdbi jdbi = upgraded.jdbi();
            String layout = jdbi.withHandle(h -> h.createQuery("SELECT report_layout FROM merchant")
                    .mapTo(String.class).one());
            assertThat(layout).isEqualTo("DOC");
            Map<String, Instant> paidAt = jdbi.withHandle(h -> h.createQuery(
                            "SELECT no_order, paid_at FROM instant_payment")
                    .map((rs, ctx) -> {
                        OffsetDateTime at = rs.getObject("paid_at", OffsetDateTime.class);
                        return Map.entry(rs.getString("no_order"), at == null ? Instant.EPOCH : at.toInstant());
                    })
                    .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
            // A reversed payout's updated_at is its reversal: its ledger entry says when it was paid.
            assertThat(paidAt).containsEntry("PAID", PAID).containsEntry("REVERSED", PAID)
                    .containsEntry("FAILED", Instant.EPOCH);
        }
    }

    private static void payoutsAsVersion7WroteThem(Handle h) {
        long merchant = h.createUpdate("""
                        INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                        VALUES ('201900000000000043', 'shop', 'key', 'instant-payment', 'ACTIVE', :at)""")
                .bind("at", PAID.minusSeconds(86_400))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        payout(h, merchant, "PAID", "SUCCESS", PAID, true);
        payout(h, merchant, "REVERSED", "CANCEL", REVERSED, true);
        payout(h, merchant, "FAILED", "FAILURE", PAID, false);
    }

    private static void payout(Handle h, long merchant, String noOrder, String status, Instant updatedAt, boolean paid) {
        long id = h.createUpdate("""
                        INSERT INTO instant_payment (merchant_id, no_order, oid_paybill, dt_order, money_order, flag_card,
                            card_hash, card_mask, card_sealed, acct_name_sealed, notify_url, status, confirm_failures,
                            settle_date, created_at, updated_at)
                        VALUES (:merchant, :no, :no, '20261120100000', 100, '0', 'hash', '6217****5678', 'sealed',
                            'sealed', 'http://shop.example/notify', :status, 0, :day, :created, :updated)""")
                .bind("merchant", merchant)
                .bind("no", noOrder)
                .bind("status", status)
                .bind("day", paid ? "20261120" : null)
                .bind("created", PAID.minusSeconds(60))
                .bind("updated", updatedAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        if (paid) {
            h.createUpdate("INSERT INTO ledger_entry (kind, reference, created_at) VALUES ('PAYOUT_SUCCESS', :ref, :at)")
                    .bind("ref", "instant-payment:" + id)
                    .bind("at", PAID)
                    .execute();
        }
    }
}
