package io.llgate.server.preauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAuthorizations;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capture, cancel and status query of credit cards' pre-authorizations through real HTTP with real signatures: what
 * each answers, what money moves (only a capture's), expiry on the gateway's clock, and races of two captures. The
 * suite runs this on H2 and on PostgreSQL.
 */
class PreAuthTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);
    static Gateway gateway;
    static NotificationReceiver receiver;
    static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        books = new Books(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    static PreAuthorization authorize(TestMerchant merchant, long fen) {
        return TestAuthorizations.authorize(gateway, merchant, fen);
    }

    static LinkedHashMap<String, String> change(TestMerchant merchant, PreAuthorization auth, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("api_version", "1.0");
        f.put("user_id", auth.userId());
        f.put("pay_type", "F");
        f.put("money_order", amount);
        f.put("no_order", auth.noOrder());
        f.put("dt_order", auth.dtOrder());
        f.put("oid_paybill", auth.oidPaybill());
        return f;
    }

    static Reply capture(TestMerchant merchant, PreAuthorization auth, String amount) {
        return merchant.plain("/preauthComplete.htm", change(merchant, auth, amount));
    }

    static Reply cancel(TestMerchant merchant, PreAuthorization auth, String amount) {
        return merchant.plain("/preauthCancel.htm", change(merchant, auth, amount));
    }

    static Reply query(TestMerchant merchant, PreAuthorization auth) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("api_version", "1.0");
        f.put("pay_type", "F");
        f.put("no_order", auth.noOrder());
        f.put("dt_order", auth.dtOrder());
        return merchant.plain("/preauthquery.htm", f);
    }

    static long receipts(PreAuthorization auth) {
        return gateway.jdbi().withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM ledger_entry WHERE reference IN (
                            SELECT 'pre-authorization:' || CAST(id AS VARCHAR) FROM pre_authorization WHERE oid_paybill = :p)""")
                .bind("p", auth.oidPaybill())
                .mapTo(Long.class)
                .one());
    }

    /** The notifications queued about the order: the authorization's is the card payment's, a capture queues none. */
    static long notificationsOf(String noOrder) {
        return gateway.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notification WHERE no_order = :n")
                .bind("n", noOrder)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void aPartialCaptureIsPaidOnceForTheCapturedAmount() {
        TestMerchant merchant = books.merchantWithFee(100);
        PreAuthorization auth = authorize(merchant, 450_00);
        assertThat(query(merchant, auth).retCode()).isEqualTo("PR07");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00");

        Reply captured = capture(merchant, auth, "300");
        assertThat(captured.signed()).isTrue();
        assertThat(captured.retCode()).as(captured.text()).isEqualTo("0000");
        assertThat(captured.fields()).containsEntry("money_order", "300.00")
                .containsEntry("no_order", auth.noOrder())
                .containsEntry("oid_paybill", auth.oidPaybill())
                .containsEntry("info_order", auth.infoOrder())
                .containsKey("settle_date");
        // 1% of the captured 300.00 is the gateway's; the rest is the merchant's, not the authorized 450.00.
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "297.00");

        Reply again = capture(merchant, auth, "100.00");
        assertThat(again.retCode()).isEqualTo("7017");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "297.00");
        assertThat(cancel(merchant, auth, "450.00").retCode()).isEqualTo("2007");

        Reply state = query(merchant, auth);
        assertThat(state.signed()).isTrue();
        assertThat(state.retCode()).isEqualTo("PR11");
        assertThat(state.fields()).containsEntry("ret_msg", "预授权完成成功").containsEntry("money_order", "300.00");

        assertThat(notificationsOf(auth.noOrder())).isZero();

        // The report files show the capture as a payment of the captured amount, on its business day.
        LocalDate day = BusinessDays.parseDay(captured.get("settle_date"));
        List<ReportRow> rows = gateway.jdbi().withHandle(h -> gateway.product(PreAuthProduct.class).reportRows().get(0)
                .rows(h, auth.merchant().id(), day, day));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo(ReportRow.Kind.PAYMENT);
            assertThat(row.amount()).isEqualTo(300_00);
            assertThat(row.fee()).isEqualTo(3_00);
            assertThat(row.payType()).isEqualTo("F");
            assertThat(row.oidPaybill()).isEqualTo(auth.oidPaybill());
        });
    }

    @Test
    void aCancelReleasesTheWholeAmountAndMovesNoMoney() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 450_00);
        assertThat(cancel(merchant, auth, "400.00").retCode()).isEqualTo("7017");

        Reply cancelled = cancel(merchant, auth, "450.00");
        assertThat(cancelled.retCode()).as(cancelled.text()).isEqualTo("0000");
        assertThat(cancelled.fields()).containsEntry("user_id", auth.userId())
                .containsEntry("oid_paybill", auth.oidPaybill());
        assertThat(query(merchant, auth).retCode()).isEqualTo("PR14");
        assertThat(capture(merchant, auth, "1.00").retCode()).isEqualTo("2006");
        assertThat(cancel(merchant, auth, "450.00").retCode()).isEqualTo("2006");
        assertThat(receipts(auth)).isZero();
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00");
    }

    @Test
    void theCapturedAmountMustBeMoreThanNothingAndAtMostTheAuthorizedAmount() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 100_00);
        assertThat(capture(merchant, auth, "100.01").retCode()).isEqualTo("7017");
        assertThat(capture(merchant, auth, "0.00").retCode()).isEqualTo("7017");
        assertThat(capture(merchant, auth, "0").retCode()).isEqualTo("7017");
        Reply notAnAmount = capture(merchant, auth, "1,00");
        assertThat(notAnAmount.retCode()).isEqualTo("1004");
        assertThat(notAnAmount.get("ret_msg")).contains("money_order");
        assertThat(query(merchant, auth).retCode()).isEqualTo("PR07");
        // E14: the whole amount without decimals.
        assertThat(capture(merchant, auth, "100").retCode()).isEqualTo("0000");
    }

    @Test
    void anAuthorizationNeitherCapturedNorCancelledExpiresAfterItsHoldAndMovesNoMoney() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 80_00);
        books.advance(PreAuths.HOLD.minusMinutes(1).toString());
        assertThat(query(merchant, auth).retCode()).isEqualTo("PR07");

        books.advance("PT2M");
        Reply expired = query(merchant, auth);
        assertThat(expired.retCode()).isEqualTo("2006");
        assertThat(expired.get("ret_msg")).isEqualTo("交易已过期");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM pre_authorization WHERE oid_paybill = :p")
                .bind("p", auth.oidPaybill()).mapTo(String.class).one()).equals(PreAuthStatus.EXPIRED.name()));
        assertThat(capture(merchant, auth, "80.00").retCode()).isEqualTo("2006");
        assertThat(cancel(merchant, auth, "80.00").retCode()).isEqualTo("2006");
        assertThat(receipts(auth)).isZero();
        assertThat(notificationsOf(auth.noOrder())).isZero();
    }

    @Test
    void theQueryNamesTheAuthorizationByEitherNumberAndAnswersTheUsualCodesForFailures() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 10_00);
        PreAuthorization other = authorize(merchant, 10_00);
        LinkedHashMap<String, String> byPaybill = new LinkedHashMap<>();
        byPaybill.put("oid_partner", merchant.oidPartner());
        byPaybill.put("api_verion", "1.0");
        byPaybill.put("pay_type", "F");
        byPaybill.put("oid_paybill", auth.oidPaybill());
        byPaybill.put("dt_order", auth.dtOrder());
        Reply found = merchant.plain("/preauthquery.htm", byPaybill);
        assertThat(found.retCode()).as(found.text()).isEqualTo("PR07");
        assertThat(found.fields()).containsEntry("no_order", auth.noOrder()).containsEntry("money_order", "10.00");

        LinkedHashMap<String, String> neither = new LinkedHashMap<>(byPaybill);
        neither.remove("oid_paybill");
        assertThat(merchant.plain("/preauthquery.htm", neither).get("ret_msg")).contains("no_order");
        LinkedHashMap<String, String> mismatch = new LinkedHashMap<>(byPaybill);
        mismatch.put("no_order", other.noOrder());
        assertThat(merchant.plain("/preauthquery.htm", mismatch).retCode()).isEqualTo("9092");
        LinkedHashMap<String, String> wrongTime = new LinkedHashMap<>(byPaybill);
        wrongTime.put("dt_order", "20200101000000");
        assertThat(merchant.plain("/preauthquery.htm", wrongTime).retCode()).isEqualTo("8901");
        LinkedHashMap<String, String> unknown = new LinkedHashMap<>(byPaybill);
        unknown.put("oid_paybill", "1999123100000001");
        assertThat(merchant.plain("/preauthquery.htm", unknown).retCode()).isEqualTo("8901");
        LinkedHashMap<String, String> ordinary = new LinkedHashMap<>(byPaybill);
        ordinary.put("pay_type", "M");
        assertThat(merchant.plain("/preauthquery.htm", ordinary).get("ret_msg")).contains("pay_type");

        LinkedHashMap<String, String> forged = new LinkedHashMap<>(merchant.sign(byPaybill));
        forged.put("dt_order", other.dtOrder().equals(auth.dtOrder()) ? "20200101000000" : other.dtOrder());
        assertThat(merchant.post("/preauthquery.htm", FlatJson.write(forged)).retCode()).isEqualTo("1001");

        TestMerchant stranger = TestMerchant.register(gateway, 0);
        assertThat(capture(stranger, auth, "1.00").retCode()).isEqualTo("8901");
        LinkedHashMap<String, String> wrongUser = change(merchant, auth, "1.00");
        wrongUser.put("user_id", "someone-else");
        assertThat(merchant.plain("/preauthComplete.htm", wrongUser).get("ret_msg")).contains("user_id");
        assertThat(query(merchant, auth).retCode()).isEqualTo("PR07");
    }

    @Test
    void aCapturedAuthorizationIsRefundedUpToTheCapturedAmount() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 450_00);
        assertThat(capture(merchant, auth, "300.00").retCode()).isEqualTo("0000");
        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", merchant.oidPartner());
        refund.put("no_refund", "RF" + SEQUENCE.incrementAndGet());
        refund.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        refund.put("money_refund", "300.01");
        refund.put("no_order", auth.noOrder());
        refund.put("notify_url", receiver.url("/refund-notify"));
        assertThat(merchant.plain("/exchangerefund.htm", refund).retCode()).isEqualTo("5003");
        refund.put("money_refund", "120.00");
        Reply refunded = merchant.plain("/exchangerefund.htm", refund);
        assertThat(refunded.retCode()).as(refunded.text()).isEqualTo("0000");
        assertThat(gateway.refunds().ofPayment(merchant.oidPartner(), auth.oidPaybill()))
                .singleElement().satisfies(r -> assertThat(r.moneyRefund()).isEqualTo(120_00));
    }

    @Test
    void ofCapturesRacingForOneAuthorizationOneIsPaidAndTheRestAreRefused() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PreAuthorization auth = authorize(merchant, 500_00);
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            // Captures of different amounts, and a cancel among them.
            for (int i = 0; i < racers; i++) {
                boolean cancels = i == racers / 2;
                String amount = (100 + i) + ".00";
                futures.add(threads.submit(() -> {
                    go.await();
                    return cancels ? cancel(merchant, auth, "500.00") : capture(merchant, auth, amount);
                }));
            }
            go.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<Reply> f : futures) {
                codes.add(f.get().retCode());
            }
            assertThat(codes).filteredOn("0000"::equals).hasSize(1);
            assertThat(codes).allMatch(c -> List.of("0000", "7017", "2007", "2006").contains(c), "known codes");
        }
        String state = query(merchant, auth).retCode();
        assertThat(state).isIn("PR11", "PR14");
        assertThat(receipts(auth)).isEqualTo(state.equals("PR11") ? 1 : 0);
    }
}
