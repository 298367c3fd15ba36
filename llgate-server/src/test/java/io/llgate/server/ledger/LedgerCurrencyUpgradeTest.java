package io.llgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Products;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.store.Database;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written before accounts had a currency: upgrading it makes every account, settlement and refund CNY with
 * the keys and balances it had, and the merchant can then be paid and settled in another currency beside it, on a
 * day whose CNY funds are already settled.
 */
class LedgerCurrencyUpgradeTest {
    private static final String OID = "201900000000000077";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void accountsOfAnEarlierVersionBecomeCnyAndAnotherCurrencyOpensBesideThem() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("23").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        long merchant = before.inTransaction(LedgerCurrencyUpgradeTest::settledPaymentAsVersion23WroteIt);

        try (Database upgraded = Database.open(settings)) {
            Jdbi jdbi = upgraded.jdbi();
            List<String> accountCurrencies = jdbi.withHandle(h -> h.createQuery(
                    "SELECT DISTINCT currency FROM ledger_account").mapTo(String.class).list());
            assertThat(accountCurrencies).containsExactly("CNY");
            List<String> settlementCurrencies = jdbi.withHandle(h -> h.createQuery("SELECT currency FROM settlement")
                    .mapTo(String.class).list());
            assertThat(settlementCurrencies).containsExactly("CNY");
            assertThat(balances(jdbi)).containsEntry("merchant:" + OID + ":AVAILABLE", 9_975L)
                    .containsEntry("merchant:" + OID + ":UNSETTLED", 0L);

            BusinessCalendar calendar = BusinessCalendar.midnight();
            Clock duringTheDay = Clock.fixed(Instant.parse("2026-11-20T03:00:00Z"), BusinessCalendar.ZONE);
            Ledger ledger = new Ledger(duringTheDay, calendar);
            jdbi.useTransaction(h -> new PaymentReceipts(ledger).receiveExchange(h, merchant,
                    new TransactionRef(OnlineBankingProduct.IDENTITY, 2), Money.cny(7_150), Money.of(1_000, USD),
                    Money.of(3, USD), "20261120"));
            assertThat(balances(jdbi)).containsEntry("merchant:" + OID + ":UNSETTLED:USD", 997L)
                    .containsEntry("merchant:" + OID + ":AVAILABLE", 9_975L);

            Clock afterTheDay = Clock.fixed(calendar.end(DAY).plusSeconds(600), BusinessCalendar.ZONE);
            Ledger later = new Ledger(afterTheDay, calendar);
            Settlements settlements = new Settlements(jdbi, afterTheDay, later,
                    new Merchants(jdbi, later, afterTheDay, Products.catalogue()));
            Settlements.Run run = settlements.run(Optional.of(DAY));

            assertThat(run.settled()).singleElement().satisfies(s -> {
                assertThat(s.settleDate()).isEqualTo("20261120");
                assertThat(s.money()).isEqualTo(Money.of(997, USD));
            });
            assertThat(balances(jdbi)).containsEntry("merchant:" + OID + ":AVAILABLE:USD", 997L)
                    .containsEntry("merchant:" + OID + ":UNSETTLED:USD", 0L)
                    .containsEntry("merchant:" + OID + ":AVAILABLE", 9_975L);
            assertThat(settlements.run(Optional.of(DAY)).settled()).isEmpty();
        }
    }

    /** A merchant whose 100.00 CNY receipt (0.25 fee) of 20261120 is settled, as version 23 wrote it; its id. */
    private static long settledPaymentAsVersion23WroteIt(Handle h) {
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
                    .bind("balance", kind.equals("AVAILABLE") ? 9_975L : 0L)
                    .execute();
        }
        entry(h, "PAYMENT_RECEIPT", "online-banking:1", at, Map.of("gateway:BANK_RECEIPTS", -10_000L,
                "gateway:FEES", 25L, "merchant:" + OID + ":UNSETTLED", 9_975L));
        entry(h, "SETTLEMENT", "settlement:" + OID + ":20261120", at, Map.of("merchant:" + OID + ":UNSETTLED", -9_975L,
                "merchant:" + OID + ":AVAILABLE", 9_975L));
        h.createUpdate("""
                        INSERT INTO settlement (merchant_id, settle_date, amount, created_at)
                        VALUES (:merchant, '20261120', 9975, :at)""")
                .bind("merchant", merchant).bind("at", at).execute();
        return merchant;
    }

    private static void entry(Handle h, String kind, String reference, Instant at, Map<String, Long> postings) {
        long entry = h.createUpdate("""
                        INSERT INTO ledger_entry (kind, reference_owner, reference, created_at)
                        VALUES (:kind, '', :reference, :at)""")
                .bind("kind", kind).bind("reference", reference).bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        postings.forEach((key, amount) -> h.createUpdate("""
                        INSERT INTO ledger_posting (entry_id, account_id, amount, settle_date)
                        SELECT :entry, id, :amount, '20261120' FROM ledger_account WHERE account_key = :key""")
                .bind("entry", entry).bind("amount", amount).bind("key", key)
                .execute());
    }

    private static Map<String, Long> balances(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_key, balance FROM ledger_account")
                .map((rs, ctx) -> Map.entry(rs.getString("account_key"), rs.getLong("balance")))
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
