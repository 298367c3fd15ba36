package io.llgate.server.ledger;

import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.kernel.TransactionRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.RowsRead;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settlement at the end of each business day, through the sandbox clock and the admin API. */
class SettlementTest {
    private static final int HISTORY = 200;
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestAdmin admin;
    static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
        books = new Books(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void aBusinessDaySettlesWhenItEndsOnceAndNotBefore() {
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder first = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        String firstDay = books.order(merchant, first.noOrder()).get("settle_date");
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "0.00").containsEntry("amt_unsettle", "88.58");

        TestAdmin.Response early = admin.post("/admin/settlements/run", "{\"date\":\"" + firstDay + "\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asText()).contains("business day " + firstDay + " has not ended");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "88.58");

        books.advance("P1DT5M");

        await().atMost(Duration.ofSeconds(20)).until(() -> books.balances(merchant).get("amt_balance").equals("88.58"));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00");
        assertThat(settlements(merchant)).extracting(s -> s.get("settle_date").asText() + " " + s.get("amount").asText())
                .containsExactly(firstDay + " 88.58");

        PaidOrder second = merchant.paidOnlineBankingOrder("10.00", receiver.url());
        String secondDay = books.order(merchant, second.noOrder()).get("settle_date");
        assertThat(secondDay).isGreaterThan(firstDay);
        TestAdmin.Response again = admin.post("/admin/settlements/run", "{\"date\":\"" + firstDay + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("settled")).isEmpty();
        assertThat(admin.post("/admin/settlements/run", "{}").json().get("settled")).isEmpty();
        // 0.25% of 10.00 is 0.025, rounded half up to 0.03.
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "88.58").containsEntry("amt_unsettle", "9.97");
        assertThat(settlementEntries(merchant)).isEqualTo(1);

        books.advance("P1DT5M");

        await().atMost(Duration.ofSeconds(20)).until(() -> books.balances(merchant).get("amt_balance").equals("98.55"));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00");
        assertThat(settlements(merchant)).extracting(s -> s.get("settle_date").asText() + " " + s.get("amount").asText())
                .containsExactly(secondDay + " 9.97", firstDay + " 88.58");
        assertThat(settlementEntries(merchant)).isEqualTo(2);
    }

    @Test
    void anOperatorSettlesAnEndedDayBeforeTheAutomaticRunAndTheRunThenFindsNothing() {
        TestMerchant merchant = books.merchantWithFee(0);
        PaidOrder paid = merchant.paidOnlineBankingOrder("12.34", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");

        // Ten seconds past the cut-off: the day has ended, the automatic run waits for its minute.
        books.advanceToJustAfterTheCutOff(10);
        TestAdmin.Response run = admin.post("/admin/settlements/run", "{}");

        assertThat(run.status()).as(run.json().toString()).isEqualTo(200);
        assertThat(run.json().get("through").asText()).isEqualTo(day);
        assertThat(run.json().get("settled")).anySatisfy(s -> {
            assertThat(s.get("oid_partner").asText()).isEqualTo(merchant.oidPartner());
            assertThat(s.get("settle_date").asText()).isEqualTo(day);
            assertThat(s.get("amount").asText()).isEqualTo("12.34");
        });
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "12.34").containsEntry("amt_unsettle", "0.00");

        books.advance("PT5M");
        assertThat(settlements(merchant)).hasSize(1);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "12.34");
    }

    @Test
    void aRefundOfTheNextDayThatTookTheDaysUnsettledMoneyNeverMakesABalanceNegative() {
        TestMerchant merchant = books.merchantWithFee(0);
        PaidOrder paid = merchant.paidOnlineBankingOrder("100.00", receiver.url());
        String firstDay = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advanceToJustAfterTheCutOff(10);

        // Before the first day settles, the next day refunds all of it from the unsettled balance and a new
        // payment comes in: the first day's 100.00 is no longer all there.
        Map<String, String> refund = books.refund(merchant, paid, "100.00", receiver.url());
        PaidOrder next = merchant.paidOnlineBankingOrder("40.00", receiver.url());
        String nextDay = books.order(merchant, next.noOrder()).get("settle_date");
        assertThat(refund.get("settle_date")).isEqualTo(nextDay).isGreaterThan(firstDay);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "0.00").containsEntry("amt_unsettle", "40.00");

        TestAdmin.Response run = admin.post("/admin/settlements/run", "{\"date\":\"" + firstDay + "\"}");
        assertThat(run.status()).as(run.json().toString()).isEqualTo(200);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "40.00").containsEntry("amt_unsettle", "0.00");

        books.advance("P1DT5M");

        await().atMost(Duration.ofSeconds(20)).until(() -> settlements(merchant).size() == 2);
        assertThat(settlements(merchant)).extracting(s -> s.get("settle_date").asText() + " " + s.get("amount").asText())
                .containsExactly(nextDay + " 0.00", firstDay + " 40.00");
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "40.00").containsEntry("amt_unsettle", "0.00");
    }

    @Test
    void moneyOfASettledDayThatCommitsLateIsSettledByTheNextRunEvenWithoutLaterSales() {
        TestMerchant merchant = books.merchantWithFee(0);
        PaidOrder paid = merchant.paidOnlineBankingOrder("10.00", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advance("P1DT5M");
        await().atMost(Duration.ofSeconds(20)).until(() -> books.balances(merchant).get("amt_balance").equals("10.00"));

        // A receipt of the settled day that committed after its settlement, as a payment begun a moment before
        // the cut-off and committed after the grace would.
        Ledger ledger = new Ledger(gateway.clock(), gateway.settings().businessCalendar());
        long merchantId = gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
        gateway.jdbi().useTransaction(h -> new PaymentReceipts(ledger).receive(h, merchantId,
                new TransactionRef(OnlineBankingProduct.IDENTITY, -merchantId), 500, 0, day));
        String nextDay = BusinessDays.format(gateway.settings().businessCalendar().businessDay(gateway.clock().instant()));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "5.00");

        books.advance("P1DT5M");

        await().atMost(Duration.ofSeconds(20)).until(() -> books.balances(merchant).get("amt_balance").equals("15.00"));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00");
        assertThat(settlements(merchant)).extracting(s -> s.get("settle_date").asText() + " " + s.get("amount").asText())
                .containsExactly(nextDay + " 5.00", day + " 10.00");
    }

    @Test
    void settlingADayReadsThePostingsSinceTheLastSettlementAndNotTheHistory() {
        assumeFalse(TestDatabases.onPostgres(), "the rows read are what H2's EXPLAIN ANALYZE counts");
        TestMerchant merchant = books.merchantWithFee(0);
        Ledger ledger = new Ledger(gateway.clock(), gateway.settings().businessCalendar());
        String firstDay = ledger.settleDateNow();
        long merchantId = gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
        PaymentReceipts receipts = new PaymentReceipts(ledger);
        gateway.jdbi().useTransaction(h -> {
            for (int i = 0; i < HISTORY; i++) {
                receipts.receive(h, merchantId, new TransactionRef(OnlineBankingProduct.IDENTITY, -1_000_000L * merchantId - i),
                        100, 0, firstDay);
            }
        });
        books.advance("P1DT5M");
        await().atMost(Duration.ofSeconds(20)).until(() -> settlements(merchant).size() == 1);
        PaidOrder paid = merchant.paidOnlineBankingOrder("1.00", receiver.url());
        String secondDay = books.order(merchant, paid.noOrder()).get("settle_date");
        long account = gateway.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id FROM ledger_account a JOIN merchant m ON m.id = a.merchant_id
                        WHERE m.oid_partner = :oid AND a.kind = 'UNSETTLED'""")
                .bind("oid", merchant.oidPartner()).mapTo(Long.class).one());

        // The second day has one receipt; a scan would count the first day's postings too.
        assertThat(RowsRead.of(gateway.jdbi(), Settlements.DAYS_TO_SETTLE, Map.of("account", account, "first", secondDay,
                "last", secondDay))).isLessThanOrEqualTo(4);
        assertThat(RowsRead.of(gateway.jdbi(), Settlements.MOVED_SINCE, Map.of("account", account, "first", secondDay)))
                .isLessThanOrEqualTo(4);
        // Reconciliation's ledger side: the merchant's accounts, the day's receipt and that entry's postings.
        assertThat(RowsRead.of(gateway.jdbi(), Ledger.MOVEMENTS_OF_DAY, Map.of("merchant", merchantId,
                "day", secondDay))).isLessThanOrEqualTo(30);

        books.advance("P1DT5M");
        await().atMost(Duration.ofSeconds(20)).until(() -> settlements(merchant).size() == 2);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "201.00").containsEntry("amt_unsettle", "0.00");
    }

    @Test
    void aDayThatHasNotEndedOrIsNoDateIsRefused() {
        TestAdmin.Response notADate = admin.post("/admin/settlements/run", "{\"date\":\"2024-06-12\"}");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.json().get("error").asText()).contains("yyyyMMdd");
        assertThat(admin.post("/admin/settlements/run", "{\"date\":\"20240231\"}").status()).isEqualTo(400);
        TestAdmin.Response future = admin.post("/admin/settlements/run", "{\"date\":\"29991231\"}");
        assertThat(future.status()).isEqualTo(409);
        assertThat(future.json().get("error").asText()).isEqualTo("business day 29991231 has not ended: it ends at 3000-01-01T00:00+08:00 (Beijing)");
    }

    @Test
    void twoNodesRacingToSettleSettleEachMerchantDayOnce() throws Exception {
        DatabaseSettings database = TestDatabases.fresh();
        try (Gateway one = Gateway.start(TestGateways.settings(database));
             Gateway two = Gateway.start(TestGateways.settings(database))) {
            TestMerchant merchant = TestMerchant.register(one, 0);
            for (int i = 0; i < 3; i++) {
                merchant.paidOnlineBankingOrder("1" + i + ".00", receiver.url());
            }
            new Books(one).advanceToJustAfterTheCutOff(10);
            new Books(two).advanceToJustAfterTheCutOff(10);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    TestAdmin node = new TestAdmin(i % 2 == 0 ? one : two);
                    runs.add(() -> node.post("/admin/settlements/run", "{}").status());
                }
                for (Future<Integer> status : pool.invokeAll(runs)) {
                    assertThat(status.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(new Books(two).balances(merchant))
                    .containsEntry("amt_balance", "33.00").containsEntry("amt_unsettle", "0.00");
            int rows = one.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM settlement s JOIN merchant m ON m.id = s.merchant_id WHERE m.oid_partner = :oid")
                    .bind("oid", merchant.oidPartner()).mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
            assertThat(settlementEntries(one, merchant)).isEqualTo(1);
        }
    }

    private static List<JsonNode> settlements(TestMerchant merchant) {
        List<JsonNode> list = new ArrayList<>();
        admin.get("/admin/settlements?merchant=" + merchant.oidPartner()).json().get("settlements").forEach(list::add);
        return list;
    }

    private static int settlementEntries(TestMerchant merchant) {
        return settlementEntries(gateway, merchant);
    }

    private static int settlementEntries(Gateway node, TestMerchant merchant) {
        return node.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM ledger_entry WHERE kind = 'SETTLEMENT' AND reference LIKE :ref")
                .bind("ref", "settlement:" + merchant.oidPartner() + ":%")
                .mapTo(Integer.class)
                .one());
    }
}
