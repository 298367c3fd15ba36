package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.http.StoreSnapshot;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import io.llgate.server.testing.TestMerchant.Reply;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.Signatures;
import io.llgate.protocol.WireTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The refund result query of 12 §5: every accepted combination of {@code no_refund}, {@code oid_refundno} and
 * {@code dt_refund}, and every rule that refuses one. In the tables {@code A} and {@code B} stand for the two
 * refunds of the merchant, {@code X} for a refund of another merchant and {@code -} for a field left out.
 */
class RefundQueryTest {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestMerchant merchant;
    static TestMerchant other;
    static Map<String, Map<String, String>> refunds = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        merchant = TestMerchant.register(gateway, 0);
        other = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        refunds.put("A", applied(merchant, refundOf(order, "1.00")));
        refunds.put("B", applied(merchant, refundOf(order, "2.00")));
        refunds.put("X", applied(other, refundOf(other.paidOnlineBankingOrder("20.00", receiver.url()),
                "3.00")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    /** The request's fields and the apply answer's oid_refundno. */
    private static Map<String, String> applied(TestMerchant owner, Map<String, String> request) {
        Reply reply = RefundTest.apply(owner, request);
        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
        Map<String, String> refund = new LinkedHashMap<>(request);
        refund.put("oid_refundno", reply.get("oid_refundno"));
        return refund;
    }

    private static String value(String refund, String field) {
        return refund.equals("-") ? null : refunds.get(refund).get(field);
    }

    private static Reply query(String noRefund, String oidRefundno, String dtRefund) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        if (noRefund != null) {
            f.put("no_refund", noRefund);
        }
        if (oidRefundno != null) {
            f.put("oid_refundno", oidRefundno);
        }
        if (dtRefund != null) {
            f.put("dt_refund", dtRefund);
        }
        return RefundTest.send(merchant, "/refundquery.htm", f);
    }

    @ParameterizedTest(name = "no_refund {0}, oid_refundno {1}, dt_refund {2}: refund {3}")
    @CsvSource({
            // The documented pair, paylink's pair, LianLian's Java SDK, and the older paylink note.
            "A, -, A, A",
            "-, A, A, A",
            "-, A, -, A",
            "A, -, -, A",
            // The card-bind-list sample sends all three; two keys of one refund, with or without the time.
            "A, A, A, A",
            "A, A, -, A",
            "B, B, -, B",
            // dt_refund is never a match key: another refund's time still finds the refund named.
            "A, -, B, A",
            "-, B, A, B"})
    void everyAcceptedCombinationFindsTheRefundItNames(String noRefund, String oidRefundno, String dtRefund,
                                                       String expected) {
        Reply reply = query(value(noRefund, "no_refund"), value(oidRefundno, "oid_refundno"),
                value(dtRefund, "dt_refund"));

        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
        assertThat(reply.signatureValid()).isTrue();
        Map<String, String> refund = refunds.get(expected);
        assertThat(reply.fields()).containsEntry("no_refund", refund.get("no_refund"))
                .containsEntry("oid_refundno", refund.get("oid_refundno"))
                .containsEntry("dt_refund", refund.get("dt_refund"))
                .containsEntry("money_refund", refund.get("money_refund"))
                .containsEntry("oid_partner", merchant.oidPartner());
    }

    @ParameterizedTest(name = "no_refund {0}, oid_refundno {1}: 8901")
    @CsvSource({
            // Keys that disagree: each finds a refund, but not the same one.
            "A, B",
            "B, A",
            // One key finds nothing: no partial answer from the other.
            "A, 9999999999999999",
            "NO_SUCH_REFUND, A",
            // Nothing found, and another merchant's refund is not found either.
            "NO_SUCH_REFUND, -",
            "-, 9999999999999999",
            "-, X",
            "X, -",
            "A, X"})
    void keysThatDisagreeOrFindNothingAnswerNoRecord(String noRefund, String oidRefundno) {
        String number = noRefund.equals("-") ? null : refunds.containsKey(noRefund) ? value(noRefund, "no_refund") : noRefund;
        String oid = oidRefundno.equals("-") ? null
                : refunds.containsKey(oidRefundno) ? value(oidRefundno, "oid_refundno") : oidRefundno;

        Reply reply = writesNothing(() -> query(number, oid, null));

        assertThat(reply.fields()).containsEntry("ret_code", "8901").containsEntry("ret_msg", "没有记录");
        assertThat(reply.fields()).doesNotContainKeys("no_refund", "oid_refundno", "sta_refund");
        assertThat(reply.signatureValid()).isTrue();
    }

    @ParameterizedTest(name = "no_refund [{0}], oid_refundno [{1}], dt_refund [{2}]: 1004 {3}")
    @CsvSource(nullValues = "-", value = {
            // Neither number: the time alone names nothing, and an empty string is absent.
            "-, -, -, no_refund",
            "-, -, 20240615143000, no_refund",
            "'', '', 20240615143000, no_refund",
            "'', -, -, no_refund",
            // Format checks.
            "RF1, -, 2024061514300, dt_refund",
            "RF1, -, 20240230120000, dt_refund",
            "RF1, -, abcdefghijklmn, dt_refund",
            "-, 2024061500004567, 20241301000000, dt_refund",
            "RF123456789012345678901234567890X, -, -, no_refund",
            "-, 20240615000045672024061500004567X, -, oid_refundno"})
    void aQueryWithoutAKeyOrWithAMalformedOneIsRefused(String noRefund, String oidRefundno, String dtRefund,
                                                       String field) {
        Reply reply = writesNothing(() -> query(noRefund, oidRefundno, dtRefund));

        assertThat(reply.retCode()).as(reply.text()).isEqualTo("1004");
        assertThat(reply.get("ret_msg")).contains(field);
        assertThat(reply.signatureValid()).isTrue();
    }

    @Test
    void traderRefundMayOnlyNameTheRequestingMerchant() {
        Map<String, String> a = refunds.get("A");
        Reply own = RefundTest.send(merchant, "/refundquery.htm", Map.of("oid_refundno", a.get("oid_refundno"),
                "trader_refund", merchant.oidPartner()));
        assertThat(own.retCode()).as(own.text()).isEqualTo("0000");

        Reply foreign = writesNothing(() -> RefundTest.send(merchant, "/refundquery.htm", Map.of(
                "oid_refundno", a.get("oid_refundno"), "trader_refund", other.oidPartner())));
        assertThat(foreign.fields()).containsEntry("ret_code", "5504").containsEntry("ret_msg", "商户操作权限不足");

        PaidOrder order = merchant.paidOnlineBankingOrder("5.00", receiver.url());
        Map<String, String> apply = new LinkedHashMap<>(refundOf(order, "1.00"));
        apply.put("trader_refund", other.oidPartner());
        Reply refused = writesNothing(() -> RefundTest.apply(merchant, apply));
        assertThat(refused.retCode()).isEqualTo("5504");
        apply.put("trader_refund", merchant.oidPartner());
        assertThat(RefundTest.apply(merchant, apply).retCode()).isEqualTo("0000");
    }

    @Test
    void theSpecSamplesOfTheQueryAnswerAsDocumented() {
        Map<String, String> a = refunds.get("A");
        Map<String, String> b = refunds.get("B");
        // 12 §8: the SDK's query by oid_refundno alone, and keys that disagree.
        Reply sdk = RefundTest.send(merchant, "/refundquery.htm", Map.of("oid_refundno", a.get("oid_refundno")));
        assertThat(sdk.fields()).containsEntry("ret_code", "0000").containsEntry("no_refund", a.get("no_refund"));
        Reply disagree = RefundTest.send(merchant, "/refundquery.htm", Map.of("no_refund", a.get("no_refund"),
                "oid_refundno", b.get("oid_refundno")));
        assertThat(disagree.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "sign_type", "sign");
        assertThat(disagree.retCode()).isEqualTo("8901");
        // R2: the apply path answers a query by oid_refundno too.
        assertThat(RefundTest.apply(merchant, Map.of("oid_refundno", b.get("oid_refundno"))).get("no_refund"))
                .isEqualTo(b.get("no_refund"));
    }

    @ParameterizedTest(name = "null text kept in the sign source: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aJsonFieldWrittenAsTheTextNullVerifiesEitherWayAndIsAbsent(boolean keepNull) {
        // 00 A3b: a missing dt_refund and no_refund written as "null", signed with or without them.
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", merchant.oidPartner());
        fields.put("no_refund", "null");
        fields.put("oid_refundno", refunds.get("B").get("oid_refundno"));
        fields.put("dt_refund", "null");
        fields.put("trader_refund", "null");
        fields.put("sign_type", "RSA");
        fields.put("sign", Signatures.sign(merchant.keys().getPrivate(), SignType.RSA,
                SignSource.of(fields, java.util.Set.of(), SignSource.CASE_INSENSITIVE, keepNull)));

        Reply reply = merchant.post("/refundquery.htm", FlatJson.write(fields));

        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
        assertThat(reply.get("no_refund")).isEqualTo(refunds.get("B").get("no_refund"));
        fields.put("oid_refundno", "null");
        fields.put("sign", Signatures.sign(merchant.keys().getPrivate(), SignType.RSA,
                SignSource.of(fields, java.util.Set.of(), SignSource.CASE_INSENSITIVE, keepNull)));
        Reply nothing = writesNothing(() -> merchant.post("/refundquery.htm", FlatJson.write(fields)));
        assertThat(nothing.retCode()).isEqualTo("1004");
        assertThat(nothing.get("ret_msg")).contains("no_refund");
    }

    @Test
    void aQueryTheStoreCannotAnswerIs9921() {
        try (Gateway broken = TestGateways.start()) {
            TestMerchant shop = TestMerchant.register(broken, 0);
            broken.jdbi().useHandle(h -> h.execute("ALTER TABLE refund RENAME TO refund_unreachable"));

            Reply reply = shop.plain("/refundquery.htm", Map.of("oid_partner", shop.oidPartner(),
                    "oid_refundno", "2024061500004567"));

            assertThat(reply.fields()).containsEntry("ret_code", "9921").containsEntry("ret_msg", "退款查询失败");
            assertThat(reply.signatureValid()).isTrue();
            assertThat(reply.text()).doesNotContain("Exception");
        }
    }

    private static Map<String, String> refundOf(PaidOrder order, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("no_refund", "RQ" + SEQUENCE.incrementAndGet() + "_" + System.nanoTime());
        f.put("dt_refund", WireTime.dateTime(gateway.clock().instant().minusSeconds(SEQUENCE.get())));
        f.put("money_refund", amount);
        f.put("no_order", order.noOrder());
        f.put("notify_url", receiver.url("/refund-notify"));
        return f;
    }

    private static Reply writesNothing(java.util.function.Supplier<Reply> request) {
        // Refunds settle in the background; wait until the bank has nothing left to do.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sandbox_bank_transfer WHERE status = 'QUEUED'").mapTo(Long.class).one()) == 0);
        StoreSnapshot before = StoreSnapshot.take(gateway);
        Reply reply = request.get();
        assertThat(StoreSnapshot.take(gateway)).as("store after %s", reply.text()).isEqualTo(before);
        return reply;
    }
}
