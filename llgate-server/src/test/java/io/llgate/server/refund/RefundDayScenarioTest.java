package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.http.StoreSnapshot;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import io.llgate.server.testing.TestMerchant.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A merchant's day from end to end, as the person lives it: pay, refund part and then the rest, get
 * both refund notifications, watch sta_refund and the balances, settle the day, publish and download its
 * report files, and find the reconciliation clean; a refund above what is left changes nothing. Each test has
 * its own gateway, whose clock it moves.
 */
class RefundDayScenarioTest {
    Gateway gateway;
    NotificationReceiver receiver;
    TestAdmin admin;
    Books books;

    @BeforeEach
    void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
        books = new Books(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        receiver.close();
    }

    private Map<String, String> refundRequest(TestMerchant merchant, PaidOrder order, String noRefund, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_refund", noRefund);
        f.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        f.put("money_refund", amount);
        f.put("no_order", order.noOrder());
        f.put("dt_order", order.dtOrder());
        f.put("notify_url", receiver.url("/refunds"));
        return f;
    }

    private Map<String, String> awaitRefundNotification(String noRefund) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                .map(r -> parse(r.body()))
                .filter(n -> noRefund.equals(n.get("no_refund")))
                .findFirst().orElse(null), n -> n != null);
    }

    private static Map<String, String> parse(byte[] body) {
        try {
            return FlatJson.parse(body);
        } catch (MalformedMessageException e) {
            return Map.of();
        }
    }

    /** The file's bytes as the merchant's server downloads them: a signed request, the file as the answer. */
    private String download(TestMerchant merchant, String fileName) {
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.baseUri().resolve("/report/download.htm"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(FlatJson.write(merchant.sign(
                            Map.of("oid_partner", merchant.oidPartner(), "file_name", fileName))))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return answer.body();
    }

    @Test
    void payRefundTwiceSettleReportDownloadAndReconcile() {
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder order = merchant.paidOnlineBankingOrder("88.80", receiver.url("/paid"));
        String day = books.order(merchant, order.noOrder()).get("settle_date");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "88.58").containsEntry("amt_balance", "0.00");

        Map<String, String> part = refundRequest(merchant, order, "RF_PART", "30.00");
        assertThat(merchant.plain("/exchangerefund.htm", part).get("sta_refund")).isEqualTo("1");
        assertThat(awaitRefundNotification("RF_PART")).containsEntry("sta_refund", "2").containsEntry("settle_date", day);
        assertThat(merchant.plain("/refundquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_refund", "RF_PART", "dt_refund", part.get("dt_refund"))).get("sta_refund")).isEqualTo("2");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "58.65");

        Map<String, String> rest = refundRequest(merchant, order, "RF_REST", "58.80");
        assertThat(merchant.plain("/exchangerefund.htm", rest).get("sta_refund")).isEqualTo("1");
        assertThat(awaitRefundNotification("RF_REST")).containsEntry("sta_refund", "2").containsEntry("money_refund", "58.80");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00").containsEntry("amt_balance", "0.00");

        books.advanceToJustAfterTheCutOff(120);
        books.settle(day);
        books.generateReports(merchant, day);

        String detail = download(merchant, "JYMX_" + merchant.oidPartner() + "_" + day + ".txt");
        List<String> lines = detail.lines().toList();
        assertThat(detail).endsWith("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("no_order|oid_partner|dt_order|");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line).startsWith(order.noOrder() + "|"));
        assertThat(lines.subList(1, 4)).extracting(line -> line.split("\\|", -1)[7])
                .containsExactlyInAnyOrder("88.80", "-30.00", "-58.80");
        assertThat(lines.subList(1, 4)).extracting(line -> line.split("\\|", -1)[15])
                .containsExactlyInAnyOrder("0.22", "-0.07", "-0.15");
        assertThat(download(merchant, "JYMXSUM_" + merchant.oidPartner() + "_" + day + ".txt"))
                .isEqualTo("3|1|88.80|2|-88.80|0|\n");

        JsonNode check = books.reconciliation(merchant, day);
        assertThat(check.get("difference_count").asInt()).as(check.toString()).isZero();
    }

    @Test
    void aRefundAboveWhatIsLeftIsRefusedAndChangesNothing() {
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder order = merchant.paidOnlineBankingOrder("88.80", receiver.url("/paid"));
        merchant.plain("/exchangerefund.htm", refundRequest(merchant, order, "RF_FIRST", "30.00"));
        awaitRefundNotification("RF_FIRST");
        StoreSnapshot before = StoreSnapshot.take(gateway);

        Reply refused = merchant.plain("/exchangerefund.htm", refundRequest(merchant, order, "RF_TOO_MUCH", "58.81"));

        assertThat(refused.fields()).containsEntry("ret_code", "5007");
        assertThat(refused.signatureValid()).isTrue();
        assertThat(StoreSnapshot.take(gateway)).isEqualTo(before);
        assertThat(merchant.plain("/refundquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_refund", "RF_TOO_MUCH")).retCode()).isEqualTo("8901");
    }

    @Test
    void aRefundOfMoneyAlreadyPaidOutIsRefusedWith5006() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("50.00", receiver.url("/paid"));
        books.advanceToJustAfterTheCutOff(120);
        assertThat(admin.post("/admin/settlements/run", "{}").status()).isEqualTo(200);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "50.00").containsEntry("amt_unsettle", "0.00");
        Reply payout = merchant.sealed("/paymentapi/payment.htm",
                merchant.payout("6217000010009995678", "45.00", receiver.url("/payout")));
        assertThat(payout.retCode()).isEqualTo("0000");
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received().stream().anyMatch(r -> r.path().equals("/payout")));
        StoreSnapshot before = StoreSnapshot.take(gateway);

        Reply refused = merchant.plain("/exchangerefund.htm", refundRequest(merchant, order, "RF_SHORT", "10.00"));

        assertThat(refused.fields()).containsEntry("ret_code", "5006").containsEntry("ret_msg", "商户账户余额不足");
        assertThat(StoreSnapshot.take(gateway)).isEqualTo(before);
        assertThat(merchant.plain("/exchangerefund.htm", refundRequest(merchant, order, "RF_FITS", "5.00"))
                .get("sta_refund")).isEqualTo("1");
    }
}
