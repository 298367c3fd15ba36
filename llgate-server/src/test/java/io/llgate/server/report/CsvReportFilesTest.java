package io.llgate.server.report;

import static io.llgate.server.report.ReportLines.generate;
import static io.llgate.server.report.ReportLines.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merchant on the CSV layout (13 §5, T8) through the real payment, refund and payout flows: its files are laid
 * out byte for byte as the samples LianLian's SFTP delivered (header bytes identical to the samples', lines shaped
 * as theirs), daily and monthly, and reconcile like the documented layout's.
 */
class CsvReportFilesTest {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

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
    void theLayoutIsAMerchantSettingAndABadValueIsRefusedChangingNothing() {
        TestMerchant merchant = books.merchantWithFee(0);
        String path = "/admin/merchants/" + merchant.oidPartner();

        TestAdmin.Response shown = admin.get(path);
        TestAdmin.Response pipe = admin.patch(path, "{\"report_layout\":\"pipe\",\"fee_rate_bp\":50}");
        TestAdmin.Response number = admin.patch(path, "{\"report_layout\":7}");
        TestAdmin.Response chosen = admin.patch(path, "{\"report_layout\":\" CSV \"}");

        assertThat(shown.json().get("report_layout").asText()).isEqualTo("doc");
        assertThat(pipe.status()).isEqualTo(400);
        assertThat(pipe.json().get("error").asText()).isEqualTo("report_layout must be doc or csv");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().get("error").asText()).isEqualTo("report_layout must be a JSON string");
        assertThat(chosen.status()).as(chosen.json().toString()).isEqualTo(200);
        assertThat(chosen.json().get("report_layout").asText()).isEqualTo("csv");
        // The refused change changed nothing else either.
        assertThat(chosen.json().get("fee_rate_bp").asInt()).isZero();
    }

    @Test
    void theDailyAndMonthlyFilesAreLaidOutAsLianLiansSftpFiles() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = csvMerchant();
        String oid = merchant.oidPartner();
        PaidOrder recharge = merchant.paidOnlineBankingOrder(form(merchant, "521.60", "1", f -> f.put("info_order", "充值")));
        PaidOrder goods = merchant.paidOnlineBankingOrder(form(merchant, "40.00", "8",
                f -> f.put("info_order", "货款,第2批")));
        Map<String, String> refund = books.refund(merchant, recharge, "30.00", receiver.url());
        Payout paid = payout(merchant, "5678", "5000.00", "01030000", "付款");
        Payout decimal = payout(merchant, "4321", "9087.60", "03090000", "放款");
        Payout reversed = payout(merchant, "0003", "22.50", "01020000", "付款");
        String day = books.order(merchant, recharge.noOrder()).get("settle_date");
        books.advance("P1D");

        TestAdmin.Response generated = generate(admin, oid, day, false);

        assertThat(generated.status()).as(generated.json().toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        generated.json().get("files").forEach(f -> names.add(f.get("name").asText() + " " + f.get("outcome").asText()));
        assertThat(names).containsExactlyInAnyOrder("JYMX_" + oid + "_" + day + ".txt CREATED",
                "JYMXSUM_" + oid + "_" + day + ".txt CREATED", "FKMX_" + oid + "_" + day + ".txt CREATED");

        // Shaped as the sample's line 0930918663168,201901020002021200,20190910 17:56:28,101001,2019091042358000,
        // 20190910,521.6,0,0,20190910 17:57:11,1.3,WAP支付渠道,新认证支付（全渠道）,充值 -- with LLGate's product.
        List<String> detail = List.of(
                line(recharge.noOrder(), oid, recharge.dtOrder(), "101001", recharge.oidPaybill(), day, "521.6", "0",
                        paidAt(recharge.noOrder()), "1.3", "网银支付渠道", "网银支付(借记卡)", "充值"),
                line(goods.noOrder(), oid, goods.dtOrder(), "101001", goods.oidPaybill(), day, "40", "0",
                        paidAt(goods.noOrder()), "0.1", "网银支付渠道", "网银支付(信用卡)", "货款 第2批"),
                // 1.30 x 30.00 / 521.60 = 0.0748: 0.07 goes back.
                line(recharge.noOrder(), oid, recharge.dtOrder(), "101001", recharge.noOrder(), day, "-30", "0", "5",
                        refundedAt(refund.get("no_refund")), "-0.07", "网银支付渠道", "网银支付(借记卡)", "充值"));
        assertSameFile(served(gateway, "JYMX_" + oid + "_" + day + ".txt"),
                file("JYMX_201901020002021200_20190910.txt", sortedByTime(detail)));
        assertThat(served(gateway, "JYMXSUM_" + oid + "_" + day + ".txt").text()).isEqualTo("4|2|561.6|1|-30|1|-22.5\n");
        // Shaped as 319080117867,201901040002307000,20190801 13:56:25,202000,2019080125261800,20190801,5000,1,0,
        // 20190801 13:56:25,.6,实时付款渠道,余额支付,付款,中国农业银行,, -- payouts carry no fee here.
        List<String> payouts = List.of(
                payoutLine(paid, oid, day, "5000", "0", paid.paidAt, "中国农业银行"),
                payoutLine(decimal, oid, day, "9087.6", "0", decimal.paidAt, "兴业银行"),
                payoutLine(reversed, oid, day, "22.5", "0", reversed.paidAt, "中国工商银行"),
                payoutLine(reversed, oid, day, "-22.5", "5", reversed.reversedAt, "中国工商银行"));
        assertSameFile(served(gateway, "FKMX_" + oid + "_" + day + ".txt"),
                file("FKMX_201901040002307000_201908.txt", sortedByTime(payouts)));

        String month = day.substring(0, 6);
        books.advance("P32D");
        // The gateway publishes the month by itself on the 1st; generating it again changes nothing.
        TestAdmin.Response monthly = generate(admin, oid, month, false);
        assertThat(monthly.json().get("refused").asInt()).as(monthly.json().toString()).isZero();
        assertThat(monthly.json().get("files")).hasSize(2);
        assertSameFile(served(gateway, "JYMX_" + oid + "_" + month + ".txt"),
                file("JYMX_201901020002021200_201908.txt", sortedByTime(detail)));
        assertSameFile(served(gateway, "FKMX_" + oid + "_" + month + ".txt"),
                file("FKMX_201901040002307000_201908.txt", sortedByTime(payouts)));
    }

    @Test
    void aCsvMerchantsDayReconcilesAndADisagreementIsFound() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = csvMerchant();
        String oid = merchant.oidPartner();
        PaidOrder first = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        PaidOrder second = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        books.refund(merchant, second, "5.00", receiver.url());
        String day = books.order(merchant, first.noOrder()).get("settle_date");
        books.advance("P1D");
        assertThat(generate(admin, oid, day, false).status()).isEqualTo(200);
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text()).startsWith(CsvReportFormat.DETAIL_HEADER);

        JsonNode clean = reconcile(oid, day);
        assertThat(clean.get("differences")).as(clean.toString()).isEmpty();
        assertThat(clean.get("report_lines").asInt()).isEqualTo(3);

        gateway.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE online_banking_order SET money_order = money_order + 1 WHERE no_order = :no")
                .bind("no", first.noOrder()).execute());
        JsonNode found = reconcile(oid, day);

        List<String> differences = new ArrayList<>();
        found.get("differences").forEach(d -> differences.add(d.get("category").asText() + " " + d.get("detail").asText()));
        assertThat(differences).anySatisfy(d -> assertThat(d).startsWith("AMOUNT_MISMATCH report line")
                .contains("column 7 says '88.8', the payment 88.81"));
    }

    @Test
    void aFilePublishedInOneLayoutStillReconcilesAfterTheMerchantSwitches() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        String oid = merchant.oidPartner();
        PaidOrder paid = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        books.refund(merchant, paid, "8.80", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advance("P1D");
        assertThat(generate(admin, oid, day, false).status()).isEqualTo(200);
        String published = served(gateway, "JYMX_" + oid + "_" + day + ".txt").text();

        assertThat(admin.patch("/admin/merchants/" + oid, "{\"report_layout\":\"csv\"}").status()).isEqualTo(200);

        assertThat(published).startsWith(ReportFormat.HEADER);
        assertThat(reconcile(oid, day).get("differences")).isEmpty();
        // Regenerated in the new layout, the file differs: refused unless replaced, then it reconciles too.
        TestAdmin.Response again = generate(admin, oid, day, false);
        assertThat(again.json().get("refused").asInt()).as(again.json().toString()).isEqualTo(2);
        assertThat(again.json().get("created").asInt()).isEqualTo(1);
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text()).isEqualTo(published);
        assertThat(generate(admin, oid, day, true).json().get("replaced").asInt()).isEqualTo(2);
        assertThat(served(gateway, "JYMX_" + oid + "_" + day + ".txt").text()).startsWith(CsvReportFormat.DETAIL_HEADER);
        assertThat(reconcile(oid, day).get("differences")).isEmpty();
    }

    /** The same text, then the same bytes. */
    private static void assertSameFile(ReportLines.Served served, byte[] expected) {
        assertThat(served.text()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(served.body()).isEqualTo(expected);
    }

    private static JsonNode reconcile(String oid, String day) {
        TestAdmin.Response result = admin.get("/admin/reconciliation?date=" + day + "&merchant=" + oid);
        assertThat(result.status()).as(result.json().toString()).isEqualTo(200);
        return result.json().get("merchants").get(0);
    }

    private static TestMerchant csvMerchant() {
        TestMerchant merchant = books.merchantWithFee(25);
        TestAdmin.Response set = admin.patch("/admin/merchants/" + merchant.oidPartner(), "{\"report_layout\":\"csv\"}");
        assertThat(set.status()).as(set.json().toString()).isEqualTo(200);
        assertThat(admin.post("/admin/merchants/" + merchant.oidPartner() + "/topup", "{\"amount\":\"20000.00\"}")
                .status()).isEqualTo(200);
        return merchant;
    }

    /** A payout as its lines need it: when it was paid and, if the bank reversed it, when. */
    record Payout(String noOrder, String dtOrder, String oidPaybill, String info, OffsetDateTime paidAt,
                  OffsetDateTime reversedAt) {
    }

    /**
     * Pays out to a new corporate account ending {@code suffix} at the bank given (a personal payout names no bank:
     * its 收款方银行 is empty) and waits for the bank's last word.
     */
    private static Payout payout(TestMerchant merchant, String suffix, String amount, String bankCode, String info) {
        String card = "621700" + String.format("%09d", CARDS.incrementAndGet() % 1_000_000_000L) + suffix;
        LinkedHashMap<String, String> request = merchant.payout(card, amount, receiver.url());
        request.put("info_order", info);
        request.put("flag_card", "2");
        request.put("bank_code", bankCode);
        assertThat(merchant.sealed("/paymentapi/payment.htm", request).retCode()).isEqualTo("0000");
        String last = suffix.equals("0003") ? "CANCEL" : "SUCCESS";
        await().atMost(Duration.ofSeconds(20)).until(() -> last.equals(merchant.plain("/paymentapi/queryPayment.htm",
                Map.of("oid_partner", merchant.oidPartner(), "no_order", request.get("no_order"))).get("result_pay")));
        return gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT oid_paybill, paid_at, updated_at, status FROM instant_payment WHERE no_order = :no")
                .bind("no", request.get("no_order"))
                .map((rs, ctx) -> new Payout(request.get("no_order"), request.get("dt_order"), rs.getString("oid_paybill"),
                        info, rs.getObject("paid_at", OffsetDateTime.class),
                        rs.getString("status").equals("CANCEL") ? rs.getObject("updated_at", OffsetDateTime.class) : null))
                .one());
    }

    /** A JYMX_ line: the 14 fields joined by a bare comma, the sample's way. */
    private static String line(String noOrder, String oid, String dtOrder, String busiPartner, String paybill,
                               String settleDate, String amount, String flag, String status, String updated, String fee,
                               String product, String method, String info) {
        return String.join(",", noOrder, oid, ReportLines.time(dtOrder), busiPartner, paybill, settleDate, amount,
                flag, status, updated, fee, product, method, info);
    }

    private static String line(String noOrder, String oid, String dtOrder, String busiPartner, String paybill,
                               String settleDate, String amount, String status, String updated, String fee,
                               String product, String method, String info) {
        return line(noOrder, oid, dtOrder, busiPartner, paybill, settleDate, amount, "0", status, updated, fee,
                product, method, info);
    }

    /** A FKMX_ line: the 14 columns of a JYMX_ line as a payout has them, then the payee's bank, account and name. */
    private static String payoutLine(Payout p, String oid, String day, String amount, String status,
                                     OffsetDateTime at, String bank) {
        return line(p.noOrder(), oid, p.dtOrder(), "202000", p.oidPaybill(), day, amount, "1", status, TIME.format(at),
                "0", "实时付款渠道", "余额支付", p.info()) + "," + bank + ",,";
    }

    /** A sample's header line, exactly its bytes, then the lines, each ended by {@code \n} as the samples' are. */
    private static byte[] file(String sample, List<String> lines) {
        byte[] bytes = CsvReportFormatTest.sample(sample);
        String header = new String(bytes, StandardCharsets.UTF_8).split("\n")[0];
        StringBuilder file = new StringBuilder(header).append('\n');
        lines.forEach(line -> file.append(line).append('\n'));
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The lines in the order of their update time (column 10), which is the files' order. */
    private static List<String> sortedByTime(List<String> lines) {
        return lines.stream().sorted(Comparator.comparing(l -> l.split(",", -1)[9])).toList();
    }

    private static String paidAt(String noOrder) {
        return ReportLines.paidAt(gateway, noOrder);
    }

    private static String refundedAt(String noRefund) {
        return ReportLines.refundedAt(gateway, noRefund);
    }

    private static LinkedHashMap<String, String> form(TestMerchant merchant, String amount, String payType,
                                                      Consumer<Map<String, String>> change) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm(amount, receiver.url());
        form.put("bank_code", "01050000");
        form.put("pay_type", payType);
        form.put("busi_partner", "101001");
        change.accept(form);
        return form;
    }
}
