package io.llgate.server.ledger;

import io.llgate.server.Products;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.merchant.DuplicateTopUpException;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.merchant.TopUpReference;
import io.llgate.server.store.Database;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written while top-up references were global: upgrading it gives each top-up its merchant, so the
 * merchant's own references stay once-only while other merchants may use them, and registrations no longer collide.
 */
class TopUpUpgradeTest {
    private static final String A = "201900000000000051";
    private static final String B = "201900000000000052";

    @Test
    void topUpsOfAnEarlierVersionBelongToTheirMerchant() {
        DatabaseSettings settings = TestDatabases.fresh();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("7").load().migrate();
        Jdbi before = Jdbi.create(settings.url(), settings.user(), settings.password());
        before.useTransaction(h -> {
            merchantAsVersion7WroteIt(h, A);
            topUpAsVersion7WroteIt(h, A, "opening:" + A, 5_000);
            topUpAsVersion7WroteIt(h, A, "wire-1", 1_000);
        });

        try (Database upgraded = Database.open(settings)) {
            Jdbi jdbi = upgraded.jdbi();
            Clock clock = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);
            Merchants merchants = new Merchants(jdbi, new Ledger(clock, BusinessCalendar.midnight()), clock, Products.catalogue());

            List<String> owners = jdbi.withHandle(h -> h.createQuery(
                    "SELECT reference_owner FROM ledger_entry WHERE kind = 'TOPUP'").mapTo(String.class).list());
            assertThat(owners).containsExactly(A, A);
            assertThatThrownBy(() -> merchants.topUp(A, 1_000, TopUpReference.operator("wire-1")))
                    .isInstanceOf(DuplicateTopUpException.class);

            merchants.add(new NewMerchant(B, "b", RsaKeys.pem(newPublicKey()),
                    Products.catalogue().granted(), IpAllowList.any(), 700));
            assertThat(merchants.topUp(B, 300, TopUpReference.operator("wire-1"))).isTrue();

            assertThat(balances(jdbi)).containsEntry("merchant:" + A + ":AVAILABLE", 6_000L)
                    .containsEntry("merchant:" + B + ":AVAILABLE", 1_000L);
        }
    }

    private static void merchantAsVersion7WroteIt(Handle h, String oid) {
        long merchant = h.createUpdate("""
                        INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                        VALUES (:oid, 'shop', :key, 'instant-payment', 'ACTIVE', :at)""")
                .bind("oid", oid).bind("key", RsaKeys.base64(newPublicKey())).bind("at", Instant.parse("2026-11-20T02:00:00Z"))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (String kind : List.of("AVAILABLE", "UNSETTLED", "RESERVED")) {
            h.createUpdate("""
                            INSERT INTO ledger_account (account_key, merchant_id, kind, balance, may_go_negative)
                            VALUES (:key, :merchant, :kind, 0, FALSE)""")
                    .bind("key", "merchant:" + oid + ":" + kind).bind("merchant", merchant).bind("kind", kind)
                    .execute();
        }
    }

    private static void topUpAsVersion7WroteIt(Handle h, String oid, String reference, long fen) {
        long entry = h.createUpdate("""
                        INSERT INTO ledger_entry (kind, reference, created_at) VALUES ('TOPUP', :reference, :at)""")
                .bind("reference", reference).bind("at", Instant.parse("2026-11-20T02:00:00Z"))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Map.of("gateway:FUNDING", -fen, "merchant:" + oid + ":AVAILABLE", fen).forEach((key, amount) -> {
            h.createUpdate("""
                            INSERT INTO ledger_posting (entry_id, account_id, amount, settle_date)
                            SELECT :entry, id, :amount, '20261120' FROM ledger_account WHERE account_key = :key""")
                    .bind("entry", entry).bind("amount", amount).bind("key", key)
                    .execute();
            h.createUpdate("UPDATE ledger_account SET balance = balance + :amount WHERE account_key = :key "
                            + "AND merchant_id IS NOT NULL")
                    .bind("amount", amount).bind("key", key)
                    .execute();
        });
    }

    private static java.security.PublicKey newPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> balances(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_key, balance FROM ledger_account")
                .map((rs, ctx) -> Map.entry(rs.getString("account_key"), rs.getLong("balance")))
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
