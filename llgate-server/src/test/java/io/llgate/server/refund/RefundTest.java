package io.llgate.server.refund;

import io.llgate.server.onlinebanking.OnlineBankingProduct;
import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.http.StoreSnapshot;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Refund apply, query and notification through real HTTP: the paths of 12 and every documented refusal. */
class RefundTest {
    private static final AtomicLong SEQUENCE = new AtomicLong();
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
        gateway.close();
        receiver.close();
    }

    static Map<String, String> refundOf(PaidOrder order, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("no_refund", "RF" + SEQUENCE.incrementAndGet() + "_" + System.nanoTime());
        f.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        f.put("money_refund", amount);
        f.put("no_order", order.noOrder());
        f.put("dt_order", order.dtOrder());
        f.put("notify_url", receiver.url("/refund-notify"));
        return f;
    }

    static Reply send(TestMerchant merchant, String path, Map<String, String> fields) {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", merchant.oidPartner());
        request.putAll(fields);
        return merchant.plain(path, request);
    }

    static Reply apply(TestMerchant merchant, Map<String, String> fields) {
        return send(merchant, "/exchangerefund.htm", fields);
    }

    static Reply query(TestMerchant merchant, Map<String, String> refund) {
        return send(merchant, "/refundquery.htm",
                Map.of("no_refund", refund.get("no_refund"), "dt_refund", refund.get("dt_refund")));
    }

    /** The refund notifications received for a no_refund, parsed. */
    static List<Map<String, String>> notificationsOf(String noRefund) {
        return receiver.received().stream()
                .map(RefundTest::parse)
                .filter(n -> noRefund.equals(n.get("no_refund")))
                .toList();
    }

    private static Map<String, String> parse(NotificationReceiver.Received received) {
        try {
            return FlatJson.parse(received.body());
        } catch (io.llgate.protocol.MalformedMessageException e) {
            throw new AssertionError("a notification that is not JSON: " + received.text(), e);
        }
    }

    static Map<String, String> awaitNotification(String noRefund) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !notificationsOf(noRefund).isEmpty());
        return notificationsOf(noRefund).get(0);
    }

    @Test
    void aPaymentRefundedInPartThenInFullNotifiesTwiceAndGivesTheFeeBack() {
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder order = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        // 0.25% of 88.80 is 0.222: 0.22 goes to the gateway, 88.58 waits to be settled.
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "88.58").containsEntry("amt_balance", "0.00");

        Map<String, String> first = refundOf(order, "30.00");
        Reply applied = apply(merchant, first);

        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "no_refund",
                "dt_refund", "oid_refundno", "money_refund", "money_foreign_refund", "rate_id", "rate",
                "exchange_bankcode", "sta_refund", "sign_type", "sign");
        assertThat(applied.fields()).containsEntry("ret_code", "0000").containsEntry("no_refund", first.get("no_refund"))
                .containsEntry("dt_refund", first.get("dt_refund")).containsEntry("money_refund", "30.00")
                .containsEntry("money_foreign_refund", "30.00").containsEntry("rate_id", "1")
                .containsEntry("rate", "1.00").containsEntry("sta_refund", "1");
        assertThat(applied.get("oid_refundno")).matches("\\d{16}");

        Map<String, String> notified = awaitNotification(first.get("no_refund"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, notified).valid()).isTrue();
        assertThat(notified).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("oid_partner", merchant.oidPartner()).containsEntry("sta_refund", "2")
                .containsEntry("oid_refundno", applied.get("oid_refundno")).containsEntry("money_refund", "30.00")
                .containsEntry("settle_date", WireTime.date(gateway.clock().instant()));
        Reply queried = query(merchant, first);
        assertThat(queried.signatureValid()).isTrue();
        assertThat(queried.fields()).containsEntry("sta_refund", "2")
                .containsEntry("settle_date", notified.get("settle_date"))
                .containsEntry("oid_refundno", applied.get("oid_refundno"));
        // 30.00 of 88.80 gives back 0.07 of the 0.22 fee: the merchant pays 29.93, from unsettled.
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "58.65").containsEntry("amt_balance", "0.00");

        Map<String, String> rest = refundOf(order, "58.80");
        assertThat(apply(merchant, rest).get("sta_refund")).isEqualTo("1");
        assertThat(awaitNotification(rest.get("no_refund"))).containsEntry("sta_refund", "2");
        // The last refund gives back what is left of the fee, so nothing is left anywhere.
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00").containsEntry("amt_balance", "0.00");

        Map<String, String> more = refundOf(order, "0.01");
        Reply refused = writesNothing(() -> apply(merchant, more));
        assertThat(refused.retCode()).isEqualTo("5007");
        assertThat(refused.signatureValid()).isTrue();
    }

    @Test
    void aRefundBeyondTheRemainderIsRefusedAndChangesNothing() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("100.00", receiver.url());
        assertThat(apply(merchant, refundOf(order, "60.00")).retCode()).isEqualTo("0000");

        Reply refused = writesNothing(() -> apply(merchant, refundOf(order, "40.01")));

        assertThat(refused.fields()).containsEntry("ret_code", "5007").containsEntry("ret_msg", "累计退款金额大于原交易金额");
        assertThat(apply(merchant, refundOf(order, "40.00")).retCode()).isEqualTo("0000");
    }

    @Test
    void theSameRefundAgainReturnsTheSameRefundAndADifferentOneWithItsNumberIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("50.00", receiver.url());
        Map<String, String> refund = refundOf(order, "20.00");
        Reply first = apply(merchant, refund);

        Reply again = writesNothing(() -> apply(merchant, refund));
        assertThat(again.retCode()).isEqualTo("0000");
        assertThat(again.get("oid_refundno")).isEqualTo(first.get("oid_refundno"));

        Map<String, String> different = new LinkedHashMap<>(refund);
        different.put("money_refund", "21.00");
        Reply refused = writesNothing(() -> apply(merchant, different));
        assertThat(refused.fields()).containsEntry("ret_code", "1002").containsEntry("ret_msg", "第三方单号重复");
        awaitNotification(refund.get("no_refund"));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "30.00");
    }

    @Test
    void aRefundTheBankRefusesFailsNotifiesAndGivesTheMoneyBack() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        // The sandbox bank refuses refunds whose fen are 91.
        Map<String, String> refund = refundOf(order, "10.91");
        assertThat(apply(merchant, refund).get("sta_refund")).isEqualTo("1");

        assertThat(awaitNotification(refund.get("no_refund"))).containsEntry("sta_refund", "3");
        Reply queried = query(merchant, refund);
        assertThat(queried.fields()).containsEntry("sta_refund", "3").doesNotContainKey("settle_date");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "20.00");
        // A failed refund does not count: the whole amount can still be refunded.
        assertThat(apply(merchant, refundOf(order, "20.00")).retCode()).isEqualTo("0000");
    }

    @Test
    void aRefundTheSandboxHoldsStaysProcessingUntilResolved() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        Map<String, String> refund = refundOf(order, "5.92");
        assertThat(apply(merchant, refund).get("sta_refund")).isEqualTo("1");
        assertThat(query(merchant, refund).get("sta_refund")).isEqualTo("1");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "14.08");

        assertThat(admin.post("/sandbox/refunds/" + refund.get("no_refund") + "/resolve",
                "{\"result\":\"SUCCESS\",\"oid_partner\":\"" + merchant.oidPartner() + "\"}").status()).isEqualTo(202);

        assertThat(awaitNotification(refund.get("no_refund"))).containsEntry("sta_refund", "2");
        assertThat(query(merchant, refund).get("sta_refund")).isEqualTo("2");
        assertThat(admin.post("/sandbox/refunds/" + refund.get("no_refund") + "/resolve", "{\"result\":\"SUCCESS\"}")
                .status()).isEqualTo(409);
    }

    @Test
    void theQueryFindsARefundByItsNumberAndTheApplyPathAnswersQueriesToo() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        Map<String, String> refund = refundOf(order, "1.00");
        Reply applied = apply(merchant, refund);

        // R2: the spec's query sample posts to the apply path.
        Reply viaApplyPath = apply(merchant, Map.of("no_refund", refund.get("no_refund"), "dt_refund",
                refund.get("dt_refund")));
        assertThat(viaApplyPath.fields()).containsEntry("ret_code", "0000")
                .containsEntry("oid_refundno", applied.get("oid_refundno"));
        // 12 §5 rule 3: dt_refund is not a match key; the answer carries the stored one.
        assertThat(send(merchant, "/refundquery.htm", Map.of("no_refund", refund.get("no_refund"),
                "dt_refund", "20200101000000")).fields()).containsEntry("ret_code", "0000")
                .containsEntry("dt_refund", refund.get("dt_refund"));
        assertThat(send(merchant, "/refundquery.htm", Map.of("no_refund", "NO_SUCH_REFUND",
                "dt_refund", refund.get("dt_refund"))).retCode()).isEqualTo("8901");
        TestMerchant other = TestMerchant.register(gateway, 0);
        assertThat(query(other, refund).retCode()).isEqualTo("8901");
        assertThat(send(merchant, "/refund.htm", refundOf(order, "1.00")).retCode()).isEqualTo("0000");
    }

    @ParameterizedTest(name = "money_refund {0}: {1}")
    @CsvSource({"1.001,5003", "0,5003", "0.00,5003", "-1.00,5003", "abc,5003", "20.01,5003", "'',1004"})
    void badAmountsAreRefusedAndWriteNothing(String amount, String code) {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());

        Reply refused = writesNothing(() -> apply(merchant, refundOf(order, amount)));

        assertThat(refused.retCode()).as(refused.text()).isEqualTo(code);
        assertThat(refused.signatureValid()).isTrue();
    }

    @ParameterizedTest(name = "notify_url {0}")
    @ValueSource(strings = {"ftp://shop.example.com/notify", "notify", "javascript:alert(1)"})
    void aNotifyUrlThatIsNotHttpIsRefused(String url) {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        Map<String, String> refund = new LinkedHashMap<>(refundOf(order, "1.00"));
        refund.put("notify_url", url);

        Reply refused = writesNothing(() -> apply(merchant, refund));

        assertThat(refused.fields()).containsEntry("ret_code", "1004");
        assertThat(refused.text()).contains("notify_url");
    }

    @Test
    void unknownForeignAndMismatchedOrdersAreRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        TestMerchant other = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        PaidOrder second = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        Map<String, String> unknown = new LinkedHashMap<>(refundOf(order, "1.00"));
        unknown.put("no_order", "NO_SUCH_ORDER");
        Map<String, String> wrongTime = new LinkedHashMap<>(refundOf(order, "1.00"));
        wrongTime.put("dt_order", "20200101000000");
        Map<String, String> mismatch = new LinkedHashMap<>(refundOf(order, "1.00"));
        mismatch.put("oid_paybill", second.oidPaybill());
        Map<String, String> byPaybill = new LinkedHashMap<>(refundOf(order, "1.00"));
        byPaybill.remove("no_order");
        byPaybill.put("oid_paybill", order.oidPaybill());
        Map<String, String> neither = new LinkedHashMap<>(refundOf(order, "1.00"));
        neither.remove("no_order");

        assertThat(writesNothing(() -> apply(merchant, unknown)).retCode()).isEqualTo("5002");
        assertThat(writesNothing(() -> apply(merchant, wrongTime)).retCode()).isEqualTo("5002");
        assertThat(writesNothing(() -> apply(other, refundOf(order, "1.00"))).retCode()).isEqualTo("5002");
        assertThat(writesNothing(() -> apply(merchant, mismatch)).retCode()).isEqualTo("9092");
        assertThat(writesNothing(() -> apply(merchant, neither)).retCode()).isEqualTo("1004");
        assertThat(apply(merchant, byPaybill).retCode()).isEqualTo("0000");
    }

    @Test
    void onlySuccessfulRecentPaymentsOfMerchantsAllowedToRefundCanBeRefunded() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> waiting = merchant.bankGatewayForm("20.00", receiver.url());
        new io.llgate.server.testing.PageClient(gateway).postForm("/payment/bankgateway.htm", merchant.sign(waiting),
                java.nio.charset.StandardCharsets.UTF_8);
        PaidOrder waitingOrder = new PaidOrder(waiting.get("no_order"), waiting.get("dt_order"), null, "20.00");
        assertThat(writesNothing(() -> apply(merchant, refundOf(waitingOrder, "1.00"))).fields())
                .containsEntry("ret_code", "5008").containsEntry("ret_msg", "原交易未成功");

        TestMerchant noRefunds = TestMerchant.register(gateway, 0, Set.of(OnlineBankingProduct.IDENTITY), IpAllowList.any());
        PaidOrder paid = noRefunds.paidOnlineBankingOrder("20.00", receiver.url());
        assertThat(writesNothing(() -> apply(noRefunds, refundOf(paid, "1.00"))).fields())
                .containsEntry("ret_code", "5004").containsEntry("ret_msg", "商户状态异常，无法退款");
    }

    @Test
    void aPaymentOlderThanSixMonthsCannotBeRefunded() {
        // Its own gateway: the clock moves half a year.
        try (Gateway own = TestGateways.start()) {
            TestMerchant merchant = TestMerchant.register(own, 0);
            PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
            own.advanceClock(Duration.ofDays(185));
            LinkedHashMap<String, String> refund = new LinkedHashMap<>();
            refund.put("oid_partner", merchant.oidPartner());
            refund.put("no_refund", "RF_OLD");
            refund.put("dt_refund", WireTime.dateTime(own.clock().instant()));
            refund.put("money_refund", "1.00");
            refund.put("no_order", order.noOrder());
            refund.put("notify_url", receiver.url());

            Reply refused = merchant.plain("/exchangerefund.htm", refund);

            assertThat(refused.fields()).containsEntry("ret_code", "2006");
            long refunds = own.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refund").mapTo(Long.class).one());
            assertThat(refunds).isZero();
        }
    }

    private static Reply writesNothing(java.util.function.Supplier<Reply> request) {
        // Refunds of other tests settle in the background; wait until the bank has nothing left to do.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sandbox_bank_transfer WHERE status = 'QUEUED'").mapTo(Long.class).one()) == 0);
        StoreSnapshot before = StoreSnapshot.take(gateway);
        Reply reply = request.get();
        assertThat(StoreSnapshot.take(gateway)).as("store after %s", reply.text()).isEqualTo(before);
        return reply;
    }
}
