package io.llgate.server.instantpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written while {@code flag_card} {@code 1} still meant a personal card (spec 10, I2 before it followed
 * LianLian's Chinese table): upgrading records each stored order's payee as it was meant, and the orders answer
 * queries exactly as before, while a new {@code 1} is a corporate account.
 */
class PayoutUpgradeTest {
    private static final String OID = "201900000000000077";
    private static final KeyPair KEYS = RsaKeys.generate(1024);

    @Test
    void storedOrdersKeepTheirPayeeAndAnswersAfterTheUpgrade() {
        DatabaseSettings database = TestDatabases.fresh();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target("7").load().migrate();
        Jdbi before = Jdbi.create(database.url(), database.user(), database.password());
        before.useTransaction(PayoutUpgradeTest::payoutsAsVersion7WroteThem);

        try (Gateway gateway = Gateway.start(TestGateways.settings(database))) {
            Map<String, String> kinds = gateway.jdbi().withHandle(h -> h.createQuery(
                            "SELECT no_order, payee_kind FROM instant_payment")
                    .map((rs, ctx) -> Map.entry(rs.getString("no_order"), rs.getString("payee_kind")))
                    .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "OLD0", "PERSONAL", "OLD1", "PERSONAL", "OLD2", "CORPORATE"));

            TestMerchant merchant = TestMerchant.existing(gateway, OID, KEYS);
            for (String noOrder : List.of("OLD0", "OLD1", "OLD2")) {
                Reply reply = merchant.plain("/paymentapi/queryPayment.htm", Map.of("oid_partner", OID,
                        "no_order", noOrder));
                assertThat(reply.signatureValid()).isTrue();
                assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("no_order", noOrder)
                        .containsEntry("result_pay", "SUCCESS").containsEntry("money_order", "12.50")
                        .containsEntry("settle_date", "20261120").containsEntry("info_order", "货款");
            }

            // A new order with flag_card 1 is a corporate account: it needs a bank_code.
            LinkedHashMap<String, String> apply = merchant.payout("6222020000001234", "1.00",
                    "https://merchant.example.com/notify");
            apply.put("flag_card", "1");
            Reply refused = merchant.sealed("/paymentapi/payment.htm", apply);
            assertThat(refused.fields()).containsEntry("ret_code", "1004")
                    .containsEntry("ret_msg", "商户请求参数校验错误（bank_code）");
        }
    }

    /** Three paid payouts, flag_card 0, 1 and 2, as version 7 stored them: 1 was a personal card then. */
    private static void payoutsAsVersion7WroteThem(Handle h) {
        Instant at = Instant.parse("2026-11-20T02:00:00Z");
        long merchant = h.createUpdate("""
                        INSERT INTO merchant (oid_partner, name, public_key, products, status, created_at)
                        VALUES (:oid, 'shop', :key, 'instant-payment', 'ACTIVE', :at)""")
                .bind("oid", OID).bind("key", RsaKeys.pem(KEYS.getPublic())).bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (String flag : List.of("0", "1", "2")) {
            h.createUpdate("""
                            INSERT INTO instant_payment (merchant_id, no_order, oid_paybill, dt_order, money_order, flag_card,
                                card_hash, card_mask, card_sealed, acct_name_sealed, bank_code, info_order, memo, notify_url,
                                api_version, status, confirm_failures, settle_date, created_at, updated_at)
                            VALUES (:merchant, :no, :paybill, '20261120100000', 1250, :flag, :hash, '622202******1234',
                                'sealed', 'sealed', :bank, '货款', '货款', 'https://merchant.example.com/notify', '1.0',
                                'SUCCESS', 0, '20261120', :at, :at)""")
                    .bind("merchant", merchant).bind("no", "OLD" + flag).bind("paybill", "202611200000000" + flag)
                    .bind("flag", flag).bind("hash", "hash" + flag).bind("bank", flag.equals("2") ? "03080000" : null)
                    .bind("at", at)
                    .execute();
        }
    }
}
