package io.llgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Products;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.store.Database;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written by the version before postings carried their business day: upgrading it keeps every
 * merchant balance, gives each posting its entry's day, and the books settle as if they had been written now.
 */
class LedgerUpgradeTest {
    private static final String OID = "201900000000000042";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @Test
    void postingsOfAnEarlierVersionGetTheirDayAndSettle() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("5").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        before.useTransaction(LedgerUpgradeTest::paymentOfDayAsVersion5WroteIt);

        try (Database upgraded = Database.open(settings)) {
            Jdbi jdbi = upgraded.jdbi();
            List<String> postingDays = jdbi.withHandle(h -> h.createQuery("SELECT settle_date FROM ledger_posting")
                    .mapTo(String.class).list());
            assertThat(postingDays).hasSize(3).containsOnly("20261120");
            assertThat(balances(jdbi)).containsEntry("merchant:" + OID + ":UNSETTLED", 9_975L)
                    .containsEntry("gateway:BANK_RECEIPTS", 0L)
                    .containsEntry("gateway:FEES", 0L);

            BusinessCalendar calendar = BusinessCalendar.midnight();
            Clock afterTheDay = Clock.fixed(calendar.end(DAY).plusSeconds(600), BusinessCalendar.ZONE);
            Ledger ledger = new Ledger(afterTheDay, calendar);
            Settlements settlements = new Settlements(jdbi, afterTheDay, ledger,
                    new Merchants(jdbi, ledger, afterTheDay, Products.catalogue()));
            Settlements.Run run = settlements.run(Optional.of(DAY));

            assertThat(run.settled()).singleElement().satisfies(s -> {
                assertThat(s.settleDate()).isEqualTo("20261120");
                assertThat(s.amount()).isEqualTo(9_975L);
            });
            assertThat(balances(jdbi)).containsEntry("merchant:" + OID + ":UNSETTLED", 0L)
                    .containsEntry("merchant:" + OID + ":AVAILABLE", 9_975L);
        }
    }

    /** A 100.00 online banking receipt with a 0.25 fee, written with the day on the entry and running gateway balances. */
    private static void paymentOfDayAsVersion5WroteIt(Handle h) {
        Instant at = Instant.parse("2026-11-20T02:00:00Z");
        long merchant = h.createUpdate("""
                        INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                        VALUES (:oid, 'shop', 'key', 'online-banking,refund', 'ACTIVE', :at)""")
                .bind("oid", OID).bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (String kind : List.of("AVAILABLE", "UNSETTLED", "RESERVED")) {
            h.createUpdate("""
                            INSERT INTO ledger_account (account_key, merchant_id, kind, balance, may_go_negative)
                            VALUES (:key, :merchant, :kind, :balance, FALSE)""")
                    .bind("key", "merchant:" + OID + ":" + kind).bind("merchant", merchant).bind("kind", kind)
                    .bind("balance", kind.equals("UNSETTLED") ? 9_975L : 0L)
                    .execute();
        }
        h.execute("UPDATE ledger_account SET balance = -10000 WHERE account_key = 'gateway:BANK_RECEIPTS'");
        h.execute("UPDATE ledger_account SET balance = 25 WHERE account_key = 'gateway:FEES'");
        long entry = h.createUpdate("""
                        INSERT INTO ledger_entry (kind, reference, settle_date, created_at)
                        VALUES ('PAYMENT_RECEIPT', 'online-banking:1', '20261120', :at)""")
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Map.of("gateway:BANK_RECEIPTS", -10_000L, "gateway:FEES", 25L, "merchant:" + OID + ":UNSETTLED", 9_975L)
                .forEach((key, amount) -> h.createUpdate("""
                                INSERT INTO ledger_posting (entry_id, account_id, amount)
                                SELECT :entry, id, :amount FROM ledger_account WHERE account_key = :key""")
                        .bind("entry", entry).bind("amount", amount).bind("key", key)
                        .execute());
    }

    private static Map<String, Long> balances(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_key, balance FROM ledger_account")
                .map((rs, ctx) -> Map.entry(rs.getString("account_key"), rs.getLong("balance")))
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
