package io.llgate.server.report;

import static io.llgate.server.report.ReportLines.HEADER;
import static io.llgate.server.report.ReportLines.generate;
import static io.llgate.server.report.ReportLines.line;
import static io.llgate.server.report.ReportLines.paidAt;
import static io.llgate.server.report.ReportLines.refundedAt;
import static io.llgate.server.report.ReportLines.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report files of known orders, byte for byte, through the real payment and refund flows and the admin API.
 * Each test starts just after a cut-off, so its orders share one business day whatever the time of the run.
 */
class ReportFilesTest {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

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
    void theDailyFilesOfKnownOrdersAreByteExact() throws Exception {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        String oid = merchant.oidPartner();
        PaidOrder debit = merchant.paidOnlineBankingOrder(form(merchant, "88.80", "1", f -> { }));
        PaidOrder credit = merchant.paidOnlineBankingOrder(form(merchant, "1250.00", "8", f -> {
            f.put("busi_partner", "101001");
            f.put("info_order", "6月|货款\r\n第2批");
        }));
        PaidOrder enterprise = merchant.paidOnlineBankingOrder(form(merchant, "0.01", "9", f -> f.remove("info_order")));
        declined(merchant, form(merchant, "55.00", "1", f -> { }));
        String day = books.order(merchant, debit.noOrder()).get("settle_date");
        books.advance("P1D");

        TestAdmin.Response generated = generate(admin, oid, day, false);

        assertThat(generated.status()).as(generated.json().toString()).isEqualTo(200);
        assertThat(generated.json().get("files")).extracting(f -> f.get("name").asText() + " " + f.get("outcome").asText()
                        + " " + f.get("revision").asText())
                .containsExactlyInAnyOrder("JYMX_" + oid + "_" + day + ".txt CREATED 1",
                        "JYMXSUM_" + oid + "_" + day + ".txt CREATED 1");
        String expected = HEADER + "\n"
                // 0.25% of 88.80 is 0.222: the fee is 0.22.
                + line(debit.noOrder(), oid, debit.dtOrder(), "109001", debit.oidPaybill(), day, "88.80", "0",
                        paidAt(gateway, debit.noOrder()), "0.22", "1", "订单备注") + "\n"
                // A '|' or a line break in info_order would break the line: each becomes a space (T6).
                + line(credit.noOrder(), oid, credit.dtOrder(), "101001", credit.oidPaybill(), day, "1250.00", "0",
                        paidAt(gateway, credit.noOrder()), "3.13", "8", "6月 货款  第2批") + "\n"
                + line(enterprise.noOrder(), oid, enterprise.dtOrder(), "109001", enterprise.oidPaybill(), day, "0.01",
                        "0", paidAt(gateway, enterprise.noOrder()), "0.00", "9", "") + "\n";
        ReportLines.Served detail = served(gateway, "JYMX_" + oid + "_" + day + ".txt");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.text()).isEqualTo(expected);
        assertThat(detail.body()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(detail.header("Content-Type")).isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(detail.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"JYMX_" + oid + "_" + day + ".txt\"");
        assertThat(detail.header("X-LLGate-SHA256")).isEqualTo(sha256(detail.body()));
        assertThat(served(gateway, "JYMXSUM_" + oid + "_" + day + ".txt").text()).isEqualTo("3|3|1338.81|0||0|\n");
        // The notifications and the query carry the same settle_date the file is keyed by.
        assertThat(books.order(merchant, credit.noOrder())).containsEntry("settle_date", day);
    }

    @Test
    void aRefundIsANegativeRowWithStatus5OnItsOwnDayAndTheMonthHoldsBoth() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        String oid = merchant.oidPartner();
        PaidOrder paid = merchant.paidOnlineBankingOrder(form(merchant, "88.80", "1", f -> { }));
        Map<String, String> sameDay = books.refund(merchant, paid, "30.00", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advance("P1D");
        Map<String, String> nextDay = books.refund(merchant, paid, "58.80", receiver.url());
        String next = nextDay.get("settle_date");
        books.advance("P1D");

        assertThat(generate(admin, oid, day, false).status()).isEqualTo(200);
        assertThat(generate(admin, oid, next, false).status()).isEqualTo(200);

        String payment = line(paid.noOrder(), oid, paid.dtOrder(), "109001", paid.oidPaybill(), day, "88.80", "0",
                paidAt(gateway, paid.noOrder()), "0.22", "1", "订单备注");
        // The fee goes back pro rata: 0.22 x 30.00 / 88.80 = 0.074, so 0.07; the last refund gives back the rest.
        String firstRefund = line(paid.noOrder(), oid, paid.dtOrder(), "109001", paid.noOrder(), day, "-30.00", "5",
                refundedAt(gateway, sameDay.get("no_refund")), "-0.07", "1", "订单备注");
        String secondRefund = line(paid.noOrder(), oid, paid.dtOrder(), "109001", paid.noOrder(), next, "-58.80", "5",
                refundedAt(gateway, nextDay.get("no_refund")), "-0.15", "1", "订单备注");
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text())
                .isEqualTo(HEADER + "\n" + payment + "\n" + firstRefund + "\n");
        assertThat(served(gateway, "JYMXSUM_" + oid + "_" + day + ".txt").text()).isEqualTo("2|1|88.80|1|-30.00|0|\n");
        assertThat(served(gateway, "JYMX_" + oid + "_" + next + ".txt").text())
                .isEqualTo(HEADER + "\n" + secondRefund + "\n");
        assertThat(served(gateway, "JYMXSUM_" + oid + "_" + next + ".txt").text()).isEqualTo("1|0||1|-58.80|0|\n");

        // The monthly file is the month's daily rows under one header.
        books.advance("P32D");
        Map<String, StringBuilder> months = new LinkedHashMap<>();
        months.computeIfAbsent(day.substring(0, 6), m -> new StringBuilder(HEADER + "\n"))
                .append(payment).append('\n').append(firstRefund).append('\n');
        months.computeIfAbsent(next.substring(0, 6), m -> new StringBuilder(HEADER + "\n")).append(secondRefund).append('\n');
        months.forEach((month, text) -> {
            assertThat(generate(admin, oid, month, false).status()).isEqualTo(200);
            assertThat(served(gateway, "JYMX_" + oid + "_" + month + ".txt").text()).isEqualTo(text.toString());
        });
    }

    @Test
    void aMerchantMayChooseTheRefundsOwnNumberForTheRefundRowsPaybillColumn() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        String oid = merchant.oidPartner();
        TestAdmin.Response refused = admin.patch("/admin/merchants/" + oid, "{\"report_refund_paybill\":\"refund\"}");
        TestAdmin.Response chosen = admin.patch("/admin/merchants/" + oid,
                "{\"report_refund_paybill\":\"oid_refundno\"}");
        PaidOrder paid = merchant.paidOnlineBankingOrder(form(merchant, "88.80", "1", f -> { }));
        Map<String, String> refund = books.refund(merchant, paid, "30.00", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advance("P1D");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("report_refund_paybill must be no_order or oid_refundno");
        assertThat(chosen.status()).as(chosen.json().toString()).isEqualTo(200);
        assertThat(chosen.json().get("report_refund_paybill").asText()).isEqualTo("oid_refundno");
        assertThat(generate(admin, oid, day, false).status()).isEqualTo(200);
        String payment = line(paid.noOrder(), oid, paid.dtOrder(), "109001", paid.oidPaybill(), day, "88.80", "0",
                paidAt(gateway, paid.noOrder()), "0.22", "1", "订单备注");
        String refundRow = line(paid.noOrder(), oid, paid.dtOrder(), "109001", refund.get("oid_refundno"), day,
                "-30.00", "5", refundedAt(gateway, refund.get("no_refund")), "-0.07", "1", "订单备注");
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text())
                .isEqualTo(HEADER + "\n" + payment + "\n" + refundRow + "\n");
        TestAdmin.Response check = admin.get("/admin/reconciliation?date=" + day + "&merchant=" + oid);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("merchants").get(0).get("differences")).as(check.json().toString()).isEmpty();

        // Switched back, the published file keeps its content and still reconciles.
        assertThat(admin.patch("/admin/merchants/" + oid, "{\"report_refund_paybill\":\"no_order\"}").status())
                .isEqualTo(200);
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text()).contains(refundRow);
        TestAdmin.Response again = admin.get("/admin/reconciliation?date=" + day + "&merchant=" + oid);
        assertThat(again.json().get("merchants").get(0).get("differences")).as(again.json().toString()).isEmpty();
    }

    @Test
    void aDayWithoutTransactionsHasOnlyTheHeaderAndASummaryWithEmptyAmounts() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(0);
        String day = gateway.settings().businessCalendar().settleDate(gateway.clock().instant());
        books.advance("P1D");

        assertThat(generate(admin, merchant.oidPartner(), day, false).status()).isEqualTo(200);

        assertThat(served(gateway, "JYMX_" + merchant.oidPartner() + "_" + day + ".txt").text()).isEqualTo(HEADER + "\n");
        assertThat(served(gateway, "JYMXSUM_" + merchant.oidPartner() + "_" + day + ".txt").text())
                .isEqualTo("0|0||0||0|\n");
    }

    @Test
    void aPayoutTheBankReversedCountsAsCancelledInTheSummaryOnly() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        // The sandbox bank pays cards ending 0003 and then reverses the payout: CANCEL.
        LinkedHashMap<String, String> payout = merchant.payout(
                "621700" + String.format("%09d", CARDS.incrementAndGet() % 1_000_000_000L) + "0003", "5.00", receiver.url());
        assertThat(merchant.sealed("/paymentapi/payment.htm", payout).retCode()).isEqualTo("0000");
        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCEL".equals(merchant.plain("/paymentapi/queryPayment.htm",
                Map.of("oid_partner", merchant.oidPartner(), "no_order", payout.get("no_order"))).get("result_pay")));
        String day = gateway.settings().businessCalendar().settleDate(gateway.clock().instant());
        books.advance("P1D");

        assertThat(generate(admin, merchant.oidPartner(), day, false).status()).isEqualTo(200);

        assertThat(served(gateway, "JYMX_" + merchant.oidPartner() + "_" + day + ".txt").text()).isEqualTo(HEADER + "\n");
        assertThat(served(gateway, "JYMXSUM_" + merchant.oidPartner() + "_" + day + ".txt").text())
                .isEqualTo("1|0||0||1|-5.00\n");
    }

    @Test
    void regeneratingTheSameContentChangesNothingAndOtherContentIsRefusedUnlessReplaced() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(0);
        String oid = merchant.oidPartner();
        PaidOrder paid = merchant.paidOnlineBankingOrder(form(merchant, "20.00", "1", f -> { }));
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        String name = "JYMX_" + oid + "_" + day + ".txt";
        books.advance("P1D");
        assertThat(generate(admin, oid, day, false).status()).isEqualTo(200);
        String published = served(gateway, name).text();

        TestAdmin.Response again = generate(admin, oid, day, false);
        assertThat(outcomes(again)).containsExactlyInAnyOrder(name + " UNCHANGED 1",
                "JYMXSUM_" + oid + "_" + day + ".txt UNCHANGED 1");

        // The order's data changes after the file was published.
        gateway.jdbi().useHandle(h -> h.createUpdate("UPDATE online_banking_order SET info_order = '改过' WHERE no_order = :no")
                .bind("no", paid.noOrder()).execute());
        TestAdmin.Response refused = generate(admin, oid, day, false);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("refused").asInt()).isEqualTo(1);
        JsonNode detail = file(refused, name);
        assertThat(detail.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(detail.get("revision").asInt()).isEqualTo(1);
        String before = published.split("\n")[1];
        assertThat(detail.get("difference")).extracting(JsonNode::asText)
                .containsExactly("- " + before, "+ " + before.replace("订单备注", "改过"));
        assertThat(served(gateway, name).text()).isEqualTo(published);

        TestAdmin.Response replaced = generate(admin, oid, day, true);

        assertThat(file(replaced, name).get("outcome").asText()).isEqualTo("REPLACED");
        assertThat(file(replaced, name).get("revision").asInt()).isEqualTo(2);
        assertThat(served(gateway, name).text()).isEqualTo(published.replace("订单备注", "改过"));
        assertThat(served(gateway, name).header("X-LLGate-Revision")).isEqualTo("2");
        assertThat(served(gateway, "/admin/reports/" + name + "?revision=1", true).text()).isEqualTo(published);
        List<JsonNode> revisions = new ArrayList<>();
        admin.get("/admin/reports?merchant=" + oid + "&kind=DAILY&all_revisions=true").json().get("files")
                .forEach(revisions::add);
        assertThat(revisions).extracting(f -> f.get("revision").asInt() + " " + f.get("replaced_at").isNull())
                .containsExactly("2 true", "1 false");
        assertThat(admin.get("/admin/reports?merchant=" + oid + "&kind=DAILY").json().get("files")).hasSize(1);
    }

    @Test
    void theFilesArePublishedByThemselvesAtTheReportTimeAndTheMonthOnThe1st() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(0);
        String oid = merchant.oidPartner();
        PaidOrder paid = merchant.paidOnlineBankingOrder(form(merchant, "20.00", "1", f -> { }));
        String day = books.order(merchant, paid.noOrder()).get("settle_date");

        // The day's files are due at the report time of the day after it ends: 09:00 Beijing by default.
        books.advance("P1DT8H59M");
        assertThat(names(oid, day)).isEmpty();
        books.advance("PT1M");

        await().atMost(Duration.ofSeconds(20)).until(() -> names(oid, day).size() == 2);
        assertThat(names(oid, day)).containsExactlyInAnyOrder("JYMX_" + oid + "_" + day + ".txt",
                "JYMXSUM_" + oid + "_" + day + ".txt");
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text()).contains(paid.oidPaybill());

        books.advance("P32D");
        String month = day.substring(0, 6);
        await().atMost(Duration.ofSeconds(20)).until(() -> names(oid, month).contains("JYMX_" + oid + "_" + month + ".txt"));
        assertThat(served(gateway, "JYMX_" + oid + "_" + month + ".txt").text()).contains(paid.oidPaybill());
    }

    @Test
    void aDayOrMonthThatHasNotEndedAndBadInputAreRefused() {
        TestMerchant merchant = books.merchantWithFee(0);
        String today = gateway.settings().businessCalendar().settleDate(gateway.clock().instant());

        TestAdmin.Response early = generate(admin, merchant.oidPartner(), today, false);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asText()).startsWith("business day " + today + " has not ended: it ends at");
        TestAdmin.Response month = generate(admin, merchant.oidPartner(), today.substring(0, 6), false);
        assertThat(month.status()).isEqualTo(409);
        assertThat(month.json().get("error").asText()).contains("month " + today.substring(0, 6) + " has not ended");
        assertThat(admin.post("/admin/reports/generate", "{\"date\":\"20240612\",\"merchant\":\"201999999999999999\"}")
                .status()).isEqualTo(404);
        assertThat(admin.post("/admin/reports/generate", "{\"date\":\"2024061\"}").status()).isEqualTo(400);
        assertThat(admin.post("/admin/reports/generate", "{}").status()).isEqualTo(400);
        assertThat(served(gateway, "JYMX_" + merchant.oidPartner() + "_20000101.txt").status()).isEqualTo(404);
        assertThat(served(gateway, "/admin/reports/JYMX_" + merchant.oidPartner() + "_20000101.txt", false).status())
                .isEqualTo(401);
    }

    /** A form for {@code amount} at a bank that serves every kind, paid as {@code payType}. */
    private static LinkedHashMap<String, String> form(TestMerchant merchant, String amount, String payType,
                                                      java.util.function.Consumer<Map<String, String>> change) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm(amount, receiver.url());
        form.put("bank_code", "01050000");
        form.put("pay_type", payType);
        change.accept(form);
        return form;
    }

    private static void declined(TestMerchant merchant, LinkedHashMap<String, String> form) {
        PageClient.Page posted = new PageClient(gateway).postForm("/payment/bankgateway.htm", merchant.sign(form),
                StandardCharsets.UTF_8);
        assertThat(posted.status()).isEqualTo(303);
        assertThat(admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"declined\",\"oid_partner\":\"" + merchant.oidPartner() + "\"}").status()).isEqualTo(200);
    }

    private static List<String> names(String oid, String period) {
        List<String> names = new ArrayList<>();
        String query = period.length() == 8 ? "date=" + period : "month=" + period;
        admin.get("/admin/reports?merchant=" + oid + "&" + query).json().get("files")
                .forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    private static List<String> outcomes(TestAdmin.Response generated) {
        List<String> outcomes = new ArrayList<>();
        generated.json().get("files").forEach(f -> outcomes.add(f.get("name").asText() + " " + f.get("outcome").asText()
                + " " + f.get("revision").asText()));
        return outcomes;
    }

    private static JsonNode file(TestAdmin.Response generated, String name) {
        for (JsonNode f : generated.json().get("files")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name + " is not in " + generated.json());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
