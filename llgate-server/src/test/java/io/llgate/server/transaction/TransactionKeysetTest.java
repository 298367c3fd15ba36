package io.llgate.server.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of the transaction list merged across products, where many transactions of several products share
 * one instant: every page size walks the same order, newest first, then by product, then newest id, and sees each
 * transaction exactly once; the card payments' tables among them, a pre-authorization's creation being its
 * {@code authorized_at}. Rows are written straight into the products' tables so that their instants are equal.
 */
class TransactionKeysetTest {
    static Gateway gateway;
    static TestAdmin admin;
    static TestMerchant merchant;
    static TestMerchant other;
    static final Instant LATE = Instant.parse("2026-03-02T08:00:00.123456Z");
    static final Instant EARLY = LATE.minus(1, ChronoUnit.HOURS);
    static final Instant EARLIEST = LATE.minus(1, ChronoUnit.DAYS);
    /** The refs in the order the list must give them. */
    static final List<String> expected = new ArrayList<>();

    @BeforeAll
    static void seed() {
        gateway = Gateway.start(TestGateways.settings());
        admin = new TestAdmin(gateway);
        merchant = TestMerchant.register(gateway, 0);
        other = TestMerchant.register(gateway, 0);
        gateway.jdbi().useHandle(h -> {
            long m = gateway.merchants().idOf(h, merchant.oidPartner()).orElseThrow();
            long o = gateway.merchants().idOf(h, other.oidPartner()).orElseThrow();
            // Inserted oldest first, and several of each product at each instant.
            List<String> earliest = List.of(payout(h, m, "P-0a", EARLIEST, "SUCCESS"), payout(h, o, "P-0b", EARLIEST, "FAILURE"));
            List<String> early = List.of(payout(h, m, "P-1", EARLY, "SUCCESS"), order(h, m, "O-1", EARLY, "SUCCESS"),
                    refund(h, m, "R-1", EARLY, "SUCCESS"));
            List<String> lateCardPayments = new ArrayList<>();
            List<String> latePayouts = new ArrayList<>();
            List<String> lateOrders = new ArrayList<>();
            List<String> lateAuthorizations = new ArrayList<>();
            List<String> lateRefunds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (i < 2) {
                    lateCardPayments.add(cardPayment(h, m, "E-2" + i, LATE, i == 0 ? "WAITING" : "AUTHORIZED"));
                    lateAuthorizations.add(authorization(h, m, "A-2" + i, LATE, i == 0 ? "AUTHORIZED" : "CAPTURED"));
                }
                latePayouts.add(payout(h, i == 1 ? o : m, "P-2" + i, LATE, "PROCESSING"));
                lateOrders.add(order(h, m, "O-2" + i, LATE, i == 2 ? "WAITING" : "SUCCESS"));
                lateRefunds.add(refund(h, m, "R-2" + i, LATE, "PROCESSING"));
            }
            // At one instant, by product id: easypay, instant-payment, online-banking, pre-authorization, refund.
            expected.addAll(newestIdFirst(lateCardPayments));
            expected.addAll(newestIdFirst(latePayouts));
            expected.addAll(newestIdFirst(lateOrders));
            expected.addAll(newestIdFirst(lateAuthorizations));
            expected.addAll(newestIdFirst(lateRefunds));
            expected.addAll(early);
            expected.addAll(newestIdFirst(earliest));
        });
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyPageSizeWalksTheSameOrderAndSeesEachTransactionOnce() {
        assertThat(refs(admin.get("/admin/transactions?limit=500").json().get("transactions"))).isEqualTo(expected);
        for (int limit = 1; limit <= 6; limit++) {
            assertThat(walk("limit=" + limit)).as("pages of %d", limit).isEqualTo(expected);
        }
    }

    @Test
    void filtersHoldAcrossPages() {
        List<String> mine = walk("limit=2&merchant=" + merchant.oidPartner());
        assertThat(mine).hasSize(expected.size() - 2).isSubsetOf(expected);
        assertThat(mine).isEqualTo(expected.stream().filter(mine::contains).toList());

        List<String> successes = walk("limit=1&status=SUCCESS");
        assertThat(successes).hasSize(6);
        assertThat(successes).isEqualTo(expected.stream().filter(successes::contains).toList());

        assertThat(walk("limit=2&product=online-banking,refund&from=" + EARLY + "&to=" + LATE))
                .containsExactly(expected.get(14), expected.get(15));
        assertThat(walk("limit=3&product=instant-payment&from=" + LATE)).containsExactlyElementsOf(expected.subList(2, 5));
        assertThat(walk("limit=1&product=easypay,pre-authorization"))
                .containsExactly(expected.get(0), expected.get(1), expected.get(8), expected.get(9));
        assertThat(walk("limit=1&status=CAPTURED")).containsExactly(expected.get(8));
        assertThat(walk("limit=1&q=PBA-21")).containsExactly(expected.get(8));
        assertThat(walk("limit=1&q=E-21")).containsExactly(expected.get(0));
    }

    /** Every page from the first to the last, following {@code next}. */
    private static List<String> walk(String query) {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            TestAdmin.Response page = admin.get("/admin/transactions?" + query + (next == null ? "" : "&after=" + next));
            assertThat(page.status()).as("%s", page.json()).isEqualTo(200);
            seen.addAll(refs(page.json().get("transactions")));
            next = page.json().get("next").isNull() ? null : page.json().get("next").asText();
            assertThat(++pages).as("pages").isLessThan(100);
        } while (next != null);
        return seen;
    }

    private static List<String> refs(JsonNode transactions) {
        List<String> refs = new ArrayList<>();
        transactions.forEach(t -> refs.add(t.get("ref").asText()));
        return refs;
    }

    private static List<String> newestIdFirst(List<String> refs) {
        List<String> sorted = new ArrayList<>(refs);
        sorted.sort((a, b) -> Long.compare(id(b), id(a)));
        return sorted;
    }

    private static long id(String ref) {
        return Long.parseLong(ref.substring(ref.indexOf(':') + 1));
    }

    private static String payout(Handle h, long merchantId, String noOrder, Instant at, String status) {
        long id = h.createUpdate("""
                        INSERT INTO instant_payment (merchant_id, no_order, oid_paybill, dt_order, money_order, flag_card,
                            payee_kind, card_hash, card_mask, card_sealed, acct_name_sealed, notify_url, status,
                            confirm_failures, created_at, updated_at)
                        VALUES (:m, :no, :paybill, '20260302160000', 10000, '0', 'PERSONAL', 'h', '621700******1234',
                            'sealed', 'sealed', 'http://127.0.0.1:9/n', :status, 0, :at, :at)""")
                .bind("m", merchantId).bind("no", noOrder).bind("paybill", "PB" + noOrder).bind("status", status)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return "instant-payment:" + id;
    }

    private static String cardPayment(Handle h, long merchantId, String noOrder, Instant at, String status) {
        long id = h.createUpdate("""
                        INSERT INTO easypay_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id,
                            busi_partner, name_goods, notify_url, risk_item, pay_type, card_hash, card_sealed,
                            card_masked, acct_name_sealed, id_type, id_no_sealed, id_hash, mobile_sealed, mobile_masked,
                            bank_code, bank_name, card_type, status, expires_at, created_at, updated_at)
                        VALUES (:m, :no, :paybill, '20260302160000', 30000, 'u1', '109001', 'goods',
                            'http://127.0.0.1:9/n', '{}', 'F', 'h', 'sealed', '622230******0008', 'sealed', '0',
                            'sealed', 'h', 'sealed', '139****0001', '01020000', 'ICBC', '3', :status, :at, :at, :at)""")
                .bind("m", merchantId).bind("no", noOrder).bind("paybill", "PB" + noOrder).bind("status", status)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return "easypay:" + id;
    }

    private static String authorization(Handle h, long merchantId, String noOrder, Instant at, String status) {
        long id = h.createUpdate("""
                        INSERT INTO pre_authorization (merchant_id, no_order, oid_paybill, issuer_reference, dt_order,
                            user_id, money_authorized, status, authorized_at, expires_at, updated_at, card_masked)
                        VALUES (:m, :no, :paybill, 'issuer', '20260302160000', 'u1', 40000, :status, :at, :at, :at,
                            '622230******0008')""")
                .bind("m", merchantId).bind("no", noOrder).bind("paybill", "PB" + noOrder).bind("status", status)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return "pre-authorization:" + id;
    }

    private static String order(Handle h, long merchantId, String noOrder, Instant at, String status) {
        long id = h.createUpdate("""
                        INSERT INTO online_banking_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id,
                            busi_partner, name_goods, notify_url, charset_name, status, pay_token, expires_at,
                            created_at, updated_at)
                        VALUES (:m, :no, :paybill, '20260302160000', 20000, 'u1', '101001', 'goods',
                            'http://127.0.0.1:9/n', 'UTF-8', :status, :token, :at, :at, :at)""")
                .bind("m", merchantId).bind("no", noOrder).bind("paybill", "PB" + noOrder).bind("status", status)
                .bind("token", "T" + noOrder).bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return "online-banking:" + id;
    }

    private static String refund(Handle h, long merchantId, String noRefund, Instant at, String status) {
        long id = h.createUpdate("""
                        INSERT INTO refund (merchant_id, no_refund, dt_refund, oid_refundno, money_refund, fee_refund,
                            from_unsettled, from_available, notify_url, status, product, order_id, no_order, oid_paybill,
                            dt_order, money_order, created_at, updated_at)
                        VALUES (:m, :no, '20260302160000', :oid, 500, 0, 500, 0, 'http://127.0.0.1:9/n', :status,
                            'ONLINE_BANKING', 1, 'O-1', 'PBO-1', '20260302160000', 20000, :at, :at)""")
                .bind("m", merchantId).bind("no", noRefund).bind("oid", "RN" + noRefund).bind("status", status)
                .bind("at", at)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return "refund:" + id;
    }
}
