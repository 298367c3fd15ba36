package io.llgate.server.report;

import static io.llgate.server.report.ReportLines.generate;
import static io.llgate.server.report.ReportLines.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation check: a day whose report, ledger and orders agree has no differences, and each kind of
 * disagreement, made by tampering with the test's database, is found and named.
 */
class ReconciliationTest {
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

    /** A merchant's ended day: two payments, one refunded in part, and the file published unless said otherwise. */
    record Day(TestMerchant merchant, String date, PaidOrder first, PaidOrder second, String fileName) {
        String oid() {
            return merchant.oidPartner();
        }
    }

    private static Day day(boolean publish) {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder first = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        PaidOrder second = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        books.refund(merchant, second, "5.00", receiver.url());
        String date = books.order(merchant, first.noOrder()).get("settle_date");
        books.advance("P1D");
        if (publish) {
            assertThat(generate(admin, merchant.oidPartner(), date, false).status()).isEqualTo(200);
        }
        return new Day(merchant, date, first, second, "JYMX_" + merchant.oidPartner() + "_" + date + ".txt");
    }

    private static JsonNode check(Day day) {
        TestAdmin.Response result = admin.get("/admin/reconciliation?date=" + day.date() + "&merchant=" + day.oid());
        assertThat(result.status()).as(result.json().toString()).isEqualTo(200);
        return result.json();
    }

    private static List<String> categories(JsonNode result) {
        List<String> categories = new ArrayList<>();
        result.get("merchants").get(0).get("differences").forEach(d -> categories.add(d.get("category").asText()));
        return categories;
    }

    /** Rewrites the published file's content in the database, as a corrupted store or a hand edit would. */
    private static void tamperWithFile(Day day, UnaryOperator<String> change) {
        String content = change.apply(served(gateway, day.fileName()).text());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        gateway.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE report_file SET content = :content, sha256 = :sha, size = :size WHERE name = :name")
                .bind("content", bytes).bind("sha", sha256(bytes)).bind("size", bytes.length).bind("name", day.fileName())
                .execute());
    }

    private static void sql(String statement, String reference) {
        gateway.jdbi().useHandle(h -> h.createUpdate(statement).bind("ref", reference).execute());
    }

    private static String receipt(PaidOrder order) {
        long id = gateway.jdbi().withHandle(h -> h.createQuery("SELECT id FROM online_banking_order WHERE no_order = :no")
                .bind("no", order.noOrder()).mapTo(Long.class).one());
        return "online-banking:" + id;
    }

    @Test
    void aDayWhoseReportLedgerAndOrdersAgreeHasNoDifferences() {
        Day day = day(true);

        JsonNode result = check(day);

        assertThat(result.get("difference_count").asInt()).isZero();
        JsonNode merchant = result.get("merchants").get(0);
        assertThat(merchant.get("published").asBoolean()).isTrue();
        assertThat(merchant.get("report_revision").asInt()).isEqualTo(1);
        assertThat(merchant.get("report_lines").asInt()).isEqualTo(3);
        assertThat(merchant.get("order_rows").asInt()).isEqualTo(3);
        assertThat(merchant.get("ledger_entries").asInt()).isEqualTo(3);
    }

    @Test
    void withoutAPublishedFileTheCheckComparesTheFileAsItWouldBeGenerated() {
        Day day = day(false);

        JsonNode result = check(day);

        assertThat(result.get("difference_count").asInt()).isZero();
        assertThat(result.get("merchants").get(0).get("published").asBoolean()).isFalse();
        assertThat(result.get("merchants").get(0).get("report_lines").asInt()).isEqualTo(3);
        assertThat(admin.get("/admin/reports?merchant=" + day.oid()).json().get("files")).isEmpty();
    }

    @Test
    void aLineMissingFromThePublishedFileIsMissingInReport() {
        Day day = day(true);
        tamperWithFile(day, text -> text.lines().filter(l -> !l.contains(day.first().oidPaybill()))
                .map(l -> l + "\n").reduce("", String::concat));

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactly("MISSING_IN_REPORT");
        assertThat(result.get("merchants").get(0).get("differences").get(0).get("no_order").asText())
                .isEqualTo(day.first().noOrder());
    }

    @Test
    void anAmountAFeeOrAStatusChangedInTheFileIsFoundAsSuch() {
        Day day = day(true);
        tamperWithFile(day, text -> text
                .replace("|CNY|88.80|CNY|88.80|CNY|88.80|1.00|0|", "|CNY|88.80|CNY|88.80|CNY|88.88|1.00|0|")
                .replace("|CNY|20.00|CNY|20.00|CNY|20.00|1.00|0|", "|CNY|20.00|CNY|20.00|CNY|20.00|1.00|5|")
                .replace("|0.22|1|1|", "|0.23|1|1|"));

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactlyInAnyOrder("AMOUNT_MISMATCH", "FEE_MISMATCH", "STATUS_MISMATCH");
        assertThat(result.get("merchants").get(0).get("differences")).anySatisfy(d -> {
            assertThat(d.get("category").asText()).isEqualTo("AMOUNT_MISMATCH");
            assertThat(d.get("detail").asText()).contains("column 12 says '88.88'").contains("88.80");
        });
    }

    @Test
    void aLineWithoutAnOrderIsMissingInOrders() {
        Day day = day(true);
        tamperWithFile(day, text -> text + text.lines().skip(1).findFirst().orElseThrow()
                .replace(day.first().oidPaybill(), "2000010100000001") + "\n");

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactly("MISSING_IN_ORDERS");
        assertThat(result.get("merchants").get(0).get("differences").get(0).get("oid_paybill").asText())
                .isEqualTo("2000010100000001");
    }

    @Test
    void aPaymentWhoseLedgerEntryIsOnAnotherDayIsMissingInLedger() {
        Day day = day(true);
        sql("UPDATE ledger_posting SET settle_date = '20000101' WHERE entry_id = "
                + "(SELECT id FROM ledger_entry WHERE reference = :ref)", receipt(day.first()));

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactly("MISSING_IN_LEDGER");
        assertThat(result.get("merchants").get(0).get("differences").get(0).get("reference").asText())
                .isEqualTo(receipt(day.first()));
    }

    @Test
    void aLedgerEntryWithAnotherAmountOrFeeIsFound() {
        Day day = day(true);
        sql("""
                UPDATE ledger_posting SET amount = amount - 1 WHERE entry_id = (SELECT id FROM ledger_entry
                WHERE reference = :ref AND kind = 'PAYMENT_RECEIPT') AND account_id = (SELECT id FROM ledger_account
                WHERE account_key = 'gateway:BANK_RECEIPTS')""", receipt(day.first()));
        sql("""
                UPDATE ledger_posting SET amount = amount + 1 WHERE entry_id = (SELECT id FROM ledger_entry
                WHERE reference = :ref AND kind = 'PAYMENT_RECEIPT') AND account_id = (SELECT id FROM ledger_account
                WHERE account_key = 'gateway:FEES')""", receipt(day.second()));

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactlyInAnyOrder("AMOUNT_MISMATCH", "FEE_MISMATCH");
        assertThat(result.get("merchants").get(0).get("differences")).anySatisfy(d ->
                assertThat(d.get("detail").asText()).isEqualTo("the ledger moved 88.81, the payment is 88.80"));
    }

    @Test
    void anOrderMovedToAnotherDayLeavesItsLineAndItsLedgerEntryWithoutAnOrder() {
        Day day = day(true);
        gateway.jdbi().useHandle(h -> h.createUpdate(
                "UPDATE online_banking_order SET settle_date = '20000101' WHERE no_order = :no")
                .bind("no", day.first().noOrder()).execute());

        JsonNode result = check(day);

        assertThat(categories(result)).containsExactly("MISSING_IN_ORDERS", "MISSING_IN_ORDERS");
        assertThat(result.get("merchants").get(0).get("differences")).extracting(d -> d.get("detail").asText())
                .anySatisfy(detail -> assertThat(detail).startsWith("report line 2 has no successful payment"))
                .anySatisfy(detail -> assertThat(detail).startsWith("ledger entry PAYMENT_RECEIPT "
                        + receipt(day.first())));
    }

    @Test
    void aDayThatHasNotEndedIsRefused() {
        String today = gateway.settings().businessCalendar().settleDate(gateway.clock().instant());
        TestAdmin.Response result = admin.get("/admin/reconciliation?date=" + today);
        assertThat(result.status()).isEqualTo(409);
        assertThat(result.json().get("error").asText()).contains("has not ended");
        assertThat(admin.get("/admin/reconciliation").status()).isEqualTo(400);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
