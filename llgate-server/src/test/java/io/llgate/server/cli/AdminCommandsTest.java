package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.FeeRate;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.RefundPaybillColumn;
import io.llgate.server.merchant.ReportLayout;
import io.llgate.server.notify.NotifyChaos;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Currency;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandsTest {
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static Gateway gateway;
    static NotificationReceiver receiver;
    static KeyPair keys;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        keys = RsaKeys.generate(1024);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void merchantAddReadsThePublicKeyFromAPemFile(@TempDir Path dir) throws Exception {
        String oid = newOid();
        Path keyFile = dir.resolve("merchant_public_key.pem");
        Files.writeString(keyFile, RsaKeys.pem(keys.getPublic()));

        Cli.Run add = admin("merchant", "add", "--oid-partner", oid, "--public-key", keyFile.toString(),
                "--name", "Keyfile Shop", "--balance", "100", "--products", "instant-payment");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Registered merchant " + oid).contains("Keyfile Shop")
                .contains("100.00").contains("instant-payment");
        Merchant stored = gateway.merchants().find(oid).orElseThrow();
        assertThat(stored.publicKeyText()).isEqualTo(RsaKeys.base64(keys.getPublic()));
    }

    @Test
    void merchantAddTakesABareBase64Pkcs1Key() {
        String oid = newOid();
        String pkcs1 = Base64.getEncoder().encodeToString(pkcs1((RSAPublicKey) keys.getPublic()));

        Cli.Run add = admin("merchant", "add", "--oid-partner", oid, "--public-key", pkcs1);

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(gateway.merchants().find(oid).orElseThrow().publicKeyText())
                .isEqualTo(RsaKeys.base64(keys.getPublic()));
    }

    @Test
    void listShowAndTopUpShowTheBalanceChange() {
        String oid = newOid();
        assertThat(admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()),
                "--name", "Balance Shop", "--balance", "10.00").exitCode()).isZero();

        Cli.Run topUp = admin("merchant", "topup", oid, "5.5");
        Cli.Run list = admin("merchant", "list");
        Cli.Run show = admin("merchant", "show", oid);

        assertThat(topUp.exitCode()).as(topUp.err()).isZero();
        assertThat(topUp.out()).contains("Topped up " + oid + " by 5.50; available now 15.50.");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("OID_PARTNER").contains("AVAILABLE");
        assertThat(list.out().lines().filter(line -> line.startsWith(oid)))
                .singleElement().asString().contains("Balance Shop").contains("ACTIVE").contains("15.50");
        assertThat(show.out()).contains("oid_partner:    " + oid).contains("available:      15.50")
                .contains(RsaKeys.base64(keys.getPublic()))
                .doesNotContain("USD");
    }

    @Test
    void showPrintsTheBalancesOfEveryOtherCurrencyAfterTheYuan() {
        String oid = newOid();
        assertThat(admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()),
                "--balance", "10.00").exitCode()).isZero();
        long merchantId = gateway.merchants().find(oid).orElseThrow().id();
        Ledger ledger = new Ledger(gateway.clock(), gateway.settings().businessCalendar());
        Currency usd = Currency.getInstance("USD");
        // What the exchange product posts for 31.68 USD paid with 210.97 CNY, with a 0.21 USD fee.
        gateway.jdbi().useTransaction(h -> new PaymentReceipts(ledger).receiveExchange(h, merchantId,
                new TransactionRef(OnlineBankingProduct.IDENTITY, 980_000 + merchantId), Money.cny(21_097),
                Money.of(3_168, usd), Money.of(21, usd), ledger.settleDateNow()));

        Cli.Run show = admin("merchant", "show", oid);

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("available:      10.00").contains("unsettled:      0.00")
                .contains("USD:            available 0.00, unsettled 31.47, reserved 0.00");
    }

    @Test
    void updateChangesTheStatusAndNeedsSomethingToChange() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run update = admin("merchant", "update", oid, "--status", "suspended", "--ip-allow-list", "10.0.0.0/8");
        Cli.Run nothing = admin("merchant", "update", oid);

        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("status:         SUSPENDED").contains("ip allow-list:  10.0.0.0/8");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to change");
    }

    @Test
    void updateSetsTheFeeRate() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run set = admin("merchant", "update", oid, "--fee-rate-bp", "25");
        Cli.Run tooHigh = admin("merchant", "update", oid, "--fee-rate-bp", "5000");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("fee rate:       25 basis points");
        assertThat(gateway.merchants().find(oid).orElseThrow().feeRate()).isEqualTo(new FeeRate(25));
        assertThat(tooHigh.exitCode()).isEqualTo(1);
        assertThat(tooHigh.err()).contains("0 to 1000 basis points");
        assertThat(gateway.merchants().find(oid).orElseThrow().feeRate()).isEqualTo(new FeeRate(25));
    }

    @Test
    void updateSetsWhatRefundRowsOfTheReportFilesWriteInOidPaybill() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run set = admin("merchant", "update", oid, "--report-refund-paybill", "oid_refundno");
        Cli.Run unknown = admin("merchant", "update", oid, "--report-refund-paybill", "refund");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("refund rows:    oid_refundno in oid_paybill (report files)");
        assertThat(gateway.merchants().find(oid).orElseThrow().refundPaybillColumn())
                .isEqualTo(RefundPaybillColumn.OID_REFUNDNO);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("report_refund_paybill must be no_order or oid_refundno");
        assertThat(gateway.merchants().find(oid).orElseThrow().refundPaybillColumn())
                .isEqualTo(RefundPaybillColumn.OID_REFUNDNO);
    }

    @Test
    void updateSetsTheLayoutOfTheReportFiles() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run set = admin("merchant", "update", oid, "--report-layout", "csv");
        Cli.Run unknown = admin("merchant", "update", oid, "--report-layout", "sftp");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("report layout:  csv");
        assertThat(gateway.merchants().find(oid).orElseThrow().reportLayout()).isEqualTo(ReportLayout.CSV);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("report_layout must be doc or csv");
        assertThat(gateway.merchants().find(oid).orElseThrow().reportLayout()).isEqualTo(ReportLayout.CSV);
    }

    @Test
    void updateSetsAndClearsTheListSigning() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run set = admin("merchant", "update", oid, "--list-signing", "card_list=exclude");
        Cli.Run unknown = admin("merchant", "update", oid, "--list-signing", "card_list=never");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("list signing:   card_list=exclude");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("card_list=never");
        assertThat(gateway.merchants().find(oid).orElseThrow().listSigning().text()).isEqualTo("card_list=exclude");
        assertThat(admin("merchant", "update", oid, "--list-signing", "").out()).contains("list signing:   defaults");
    }

    @Test
    void updateSetsTheSandboxsNotifyChaos() {
        String oid = newOid();
        admin("merchant", "add", "--oid-partner", oid, "--public-key", RsaKeys.pem(keys.getPublic()));

        Cli.Run shown = admin("merchant", "show", oid);
        Cli.Run duplicate = admin("merchant", "update", oid, "--notify-chaos", "duplicate");
        Cli.Run late = admin("merchant", "update", oid, "--notify-chaos", "LATE", "--notify-chaos-delay", "90s");
        Cli.Run wild = admin("merchant", "update", oid, "--notify-chaos", "wild");

        assertThat(shown.out()).contains("notify chaos:   none");
        assertThat(duplicate.exitCode()).as(duplicate.err()).isZero();
        assertThat(duplicate.out()).contains("notify chaos:   duplicate");
        assertThat(late.out()).contains("notify chaos:   late, 90s");
        assertThat(gateway.merchants().find(oid).orElseThrow().notifyChaos())
                .isEqualTo(new NotifyChaos(NotifyChaos.Mode.LATE, Duration.ofSeconds(90)));
        assertThat(wild.exitCode()).isEqualTo(2);
        assertThat(wild.err().strip().lines()).hasSize(1);
    }

    @Test
    void gatewayKeyPrintsTheGatewaysPublicKey() {
        Cli.Run base64 = admin("gateway-key");
        Cli.Run pem = admin("gateway-key", "--pem");

        assertThat(base64.exitCode()).isZero();
        assertThat(base64.out().strip()).isEqualTo(RsaKeys.base64(gateway.publicKey()));
        assertThat(pem.out()).isEqualTo(RsaKeys.pem(gateway.publicKey()));
    }

    @Test
    void notificationsListShowAndResendAPayoutsNotification() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        String url = receiver.url("/" + merchant.oidPartner());
        var request = merchant.payout("6217000010001235678", "12.00", url);
        assertThat(merchant.sealed("/paymentapi/payment.htm", request).retCode()).isEqualTo("0000");
        NotificationReceiver.Received first = awaitNotifications(url, 1).get(0);
        String id = first.header("X-LLGate-Notification-Id");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                admin("notifications", "list", "--merchant", merchant.oidPartner()).out().contains("DELIVERED"));
        Cli.Run list = admin("notifications", "list", "--no-order", request.get("no_order"), "--status", "delivered");
        Cli.Run show = admin("notifications", "show", id);
        Cli.Run resend = admin("notifications", "resend", id);

        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().skip(1)).singleElement().asString()
                .startsWith(id + " ").contains(merchant.oidPartner()).contains("SUCCESS").contains("1/3");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("notification:   " + id + "  DELIVERED").contains(first.text())
                .contains("ACKNOWLEDGED").contains("200").contains(NotificationReceiver.ACK);
        assertThat(resend.exitCode()).as(resend.err()).isZero();
        assertThat(resend.out()).contains("Notification " + id + " is queued to be sent again");
        List<NotificationReceiver.Received> both = awaitNotifications(url, 2);
        assertThat(both.get(1).body()).isEqualTo(first.body());
        assertThat(both.get(1).header("X-LLGate-Attempt")).isEqualTo("2");
    }

    @Test
    void sandboxResolveSettlesAHeldPayout() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        String url = receiver.url("/" + merchant.oidPartner());
        String oidPaybill = merchant.sealed("/paymentapi/payment.htm",
                merchant.payout("6217000010001230002", "3.00", url)).get("oid_paybill");

        Cli.Run resolve = admin("sandbox", "resolve", oidPaybill, "failure");
        Cli.Run again = admin("sandbox", "resolve", oidPaybill, "SUCCESS");

        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("Payout " + oidPaybill + " resolved as FAILURE");
        assertThat(FlatJson.parse(awaitNotifications(url, 1).get(0).body())).containsEntry("result_pay", "FAILURE");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not held by the sandbox bank");
    }

    @Test
    void sandboxCompleteFinishesAnOnlineBankingOrder() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        String url = receiver.url("/" + merchant.oidPartner());
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("9.90", url);
        form.put("url_return", receiver.url("/return/" + merchant.oidPartner()));
        new PageClient(gateway).postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8);

        Cli.Run complete = admin("sandbox", "complete", form.get("no_order"), "paid", "--oid-partner",
                merchant.oidPartner());
        Cli.Run again = admin("sandbox", "complete", form.get("no_order"), "declined");

        assertThat(complete.exitCode()).as(complete.err()).isZero();
        assertThat(complete.out()).contains("Order " + form.get("no_order")).contains("is now SUCCESS")
                .contains(gateway.baseUri() + "/payment/return/");
        assertThat(FlatJson.parse(awaitNotifications(url, 1).get(0).body())).containsEntry("result_pay", "SUCCESS")
                .containsEntry("money_order", "9.90");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not waiting for payment: 2007");
    }

    @Test
    void sandboxResolveRefundAnswersARefundTheBankHolds() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        String url = receiver.url("/" + merchant.oidPartner());
        TestMerchant.PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url("/paid"));
        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", merchant.oidPartner());
        refund.put("no_refund", "RF_CLI_" + merchant.oidPartner());
        refund.put("dt_refund", order.dtOrder());
        refund.put("money_refund", "1.92");
        refund.put("no_order", order.noOrder());
        refund.put("notify_url", url);
        assertThat(merchant.plain("/exchangerefund.htm", refund).get("sta_refund")).isEqualTo("1");

        Cli.Run resolve = admin("sandbox", "resolve-refund", refund.get("no_refund"), "failure");
        Cli.Run again = admin("sandbox", "resolve-refund", refund.get("no_refund"), "SUCCESS");

        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("Refund " + refund.get("no_refund")).contains("resolved as FAILURE");
        assertThat(FlatJson.parse(awaitNotifications(url, 1).get(0).body())).containsEntry("sta_refund", "3");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not held by the sandbox bank");
    }

    @Test
    void sandboxSmsShowsTheCodesAndResolveCardChargeAnswersAPendingCharge() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        EasypayClient card = new EasypayClient(gateway, merchant, receiver.url("/" + merchant.oidPartner()));
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = card.apply("u_cli", "6222020000000009000", false, mobile, "9.00");
        String oidPaybill = card.pay(apply, mobile).get("oid_paybill");
        String code = ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();

        Cli.Run sms = admin("sandbox", "sms", "--mobile", mobile);
        Cli.Run none = admin("sandbox", "sms", "--mobile", "13000000000");
        Cli.Run resolve = admin("sandbox", "resolve-card-charge", oidPaybill, "declined");
        Cli.Run again = admin("sandbox", "resolve-card-charge", oidPaybill, "paid");

        assertThat(sms.exitCode()).as(sms.err()).isZero();
        assertThat(sms.out()).contains("code " + code).contains("merchant " + merchant.oidPartner())
                .contains("transaction " + oidPaybill).contains("您的验证码为 " + code);
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).contains("No text was sent to 13000000000");
        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("Card charge " + oidPaybill + " is now declined");
        assertThat(card.query(apply.get("no_order")).get("result_pay")).isEqualTo("FAILURE");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is pending at the sandbox issuer");
    }

    @Test
    void advanceClockMovesTheGatewaysClock() {
        Duration before = gateway.clock().offset();

        Cli.Run advance = admin("sandbox", "advance-clock", "90m");

        assertThat(advance.exitCode()).as(advance.err()).isZero();
        assertThat(gateway.clock().offset()).isEqualTo(before.plusMinutes(90));
        assertThat(advance.out()).contains("ahead of real time by " + gateway.clock().offset());
    }

    @Test
    void serverErrorsPrintTheAdminApisErrorAndExit1() {
        Cli.Run unknown = admin("merchant", "show", "000000000000000000");
        Cli.Run wrongToken = Cli.run("merchant", "list", "--server", server(), "--admin-token", "wrong");
        Cli.Run badKey = admin("merchant", "add", "--oid-partner", "000000000000000000", "--public-key", "nonsense");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("llgate merchant show: no merchant 000000000000000000");
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.err()).contains("missing or wrong admin token");
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.err()).contains("public_key:");
        assertThat(List.of(unknown, wrongToken, badKey)).noneMatch(Cli.Run::showsStackTrace);
    }

    @Test
    void aStoppedGatewayIsNamedPlainly() {
        String dead = Cli.deadServer();

        Cli.Run list = Cli.run("merchant", "list", "--server", dead);

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err().strip())
                .isEqualTo("llgate merchant list: no gateway at " + dead + " (is `llgate serve` running?)");
    }

    @Test
    void badOptionValuesExit2WithOneLineAndNoStackTrace() {
        List<Cli.Run> runs = new ArrayList<>();
        runs.add(admin("merchant", "topup", "201800000000000001", "ten"));
        runs.add(admin("merchant", "add", "--oid-partner", newOid(), "--public-key", "k", "--balance", "-1"));
        runs.add(admin("merchant", "add", "--public-key", "k"));
        runs.add(admin("notifications", "list", "--status", "LOST"));
        runs.add(admin("notifications", "list", "--limit", "many"));
        runs.add(admin("notifications", "show", "abc"));
        runs.add(admin("sandbox", "advance-clock", "5x"));
        runs.add(admin("sandbox", "resolve", "1", "MAYBE"));
        runs.add(admin("sandbox", "complete", "1", "MAYBE"));
        runs.add(admin("sandbox", "resolve-refund", "1", "MAYBE"));
        runs.add(admin("sandbox", "resolve-card-charge", "1", "MAYBE"));
        runs.add(admin("sandbox", "sms"));
        runs.add(Cli.run("merchant", "list", "--server", "not a url"));
        runs.add(Cli.run("merchant", "list", "--server", "ftp://127.0.0.1:21"));

        for (Cli.Run run : runs) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.showsStackTrace()).as(run.err()).isFalse();
        }
    }

    private static Cli.Run admin(String... args) {
        return Cli.admin(gateway, args);
    }

    private static String server() {
        return gateway.baseUri().toString();
    }

    private static List<NotificationReceiver.Received> awaitNotifications(String url, int count) {
        String path = url.substring(url.indexOf('/', "http://".length()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                receiver.received().stream().filter(r -> r.path().equals(path)).count() >= count);
        return receiver.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    private static String newOid() {
        return "2021" + String.format("%014d", IDS.incrementAndGet());
    }

    /** The PKCS#1 RSAPublicKey DER: SEQUENCE { modulus INTEGER, publicExponent INTEGER }. */
    private static byte[] pkcs1(RSAPublicKey key) {
        ByteArrayOutputStream integers = new ByteArrayOutputStream();
        integers.writeBytes(der(0x02, key.getModulus().toByteArray()));
        integers.writeBytes(der(0x02, key.getPublicExponent().toByteArray()));
        return der(0x30, integers.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
