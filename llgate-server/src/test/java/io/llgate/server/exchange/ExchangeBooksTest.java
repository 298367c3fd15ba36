package io.llgate.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.ExchangeClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A merchant's books after a USD and a JPY exchange payment and a partial refund of the first, all on one business
 * day: each currency's balance apart (and the yuan untouched), settled apart, and the day's report lines carrying
 * each currency, the yuan paid and the frozen rate, which reconciliation finds equal to the ledger.
 */
class ExchangeBooksTest {
    private static final String ICBC_DEBIT = "6222020000000000001";
    private Gateway gateway;
    private NotificationReceiver receiver;
    private Books books;

    @BeforeEach
    void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        books = new Books(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void dollarsAndYenArePaidRefundedSettledReportedAndReconciledEachInItsCurrency() throws Exception {
        TestMerchant merchant = books.merchantWithFee(60);
        ExchangeClient client = new ExchangeClient(gateway, merchant, receiver.url("/exchange"));
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> usd = client.apply("u_books", ICBC_DEBIT, mobile, "USD", "45.00");
        TestMerchant.Reply usdPaid = client.pay(usd, mobile);
        LinkedHashMap<String, String> jpy = client.apply("u_books", ICBC_DEBIT, mobile, "JPY", "1500");
        TestMerchant.Reply jpyPaid = client.pay(jpy, mobile);
        assertThat(usdPaid.fields()).containsEntry("money_pay", "321.75").containsEntry("money_settle", "44.73");
        assertThat(jpyPaid.fields()).containsEntry("money_pay", "72.00").containsEntry("money_settle", "1491.00");
        String day = usdPaid.get("settle_date");

        // 10.00 of the 45.00 dollars back: the payer gets 71.50 yuan at the payment's rate, the merchant gives back
        // 9.94 dollars (its share of the 0.27 fee, 0.06, comes back with them).
        Map<String, String> refund = books.refund(merchant, new TestMerchant.PaidOrder(usd.get("no_order"),
                usd.get("dt_order"), usdPaid.get("oid_paybill"), "45.00"), "10.00", receiver.url("/refunds"));
        assertThat(refund).containsEntry("money_refund", "10.00").containsEntry("money_foreign_refund", "10.00")
                .containsEntry("rate", "7.1500");

        assertThat(balances(merchant, "USD")).containsEntry("amt_unsettle", "34.79").containsEntry("amt_balance", "0.00");
        assertThat(balances(merchant, "JPY")).containsEntry("amt_unsettle", "1491.00");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "0.00").containsEntry("amt_balance", "0.00");

        books.advanceToJustAfterTheCutOff(120);
        books.settle(day);
        assertThat(balances(merchant, "USD")).containsEntry("amt_balance", "34.79").containsEntry("amt_unsettle", "0.00");
        assertThat(balances(merchant, "JPY")).containsEntry("amt_balance", "1491.00")
                .containsEntry("amt_unsettle", "0.00");
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "0.00");

        books.generateReports(merchant, day);
        List<String> lines = books.report("JYMX_" + merchant.oidPartner() + "_" + day + ".txt").lines().toList();
        assertThat(columns(lines, usd.get("no_order"), "0")).containsExactly("USD", "45.00", "CNY", "321.75", "USD",
                "44.73", "7.1500", "0.27", "5", "M");
        assertThat(columns(lines, usd.get("no_order"), "5")).containsExactly("USD", "-10.00", "CNY", "-71.50", "USD",
                "-9.94", "7.1500", "-0.06", "5", "M");
        assertThat(columns(lines, jpy.get("no_order"), "0")).containsExactly("JPY", "1500.00", "CNY", "72.00", "JPY",
                "1491.00", "0.0480", "9.00", "5", "M");
        // The summary adds up yuan: what payers paid, and what went back to them.
        assertThat(books.report("JYMXSUM_" + merchant.oidPartner() + "_" + day + ".txt")).contains("|393.75|")
                .contains("|-71.50|");

        JsonNode check = books.reconciliation(merchant, day);
        assertThat(check.get("difference_count").asInt()).as(check.toString()).isZero();
    }

    private Map<String, String> balances(TestMerchant merchant, String currency) {
        TestMerchant.Reply reply = merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", currency);
        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
        assertThat(reply.signatureValid()).isTrue();
        return reply.fields();
    }

    /** A detail line's currency columns, fee, pay_product and pay_type, found by its no_order and status. */
    private static List<String> columns(List<String> lines, String noOrder, String status) {
        String[] line = lines.stream().map(l -> l.split("\\|", -1))
                .filter(c -> c[0].equals(noOrder) && c[13].equals(status))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + noOrder + " " + status + ": " + lines));
        return List.of(line[6], line[7], line[8], line[9], line[10], line[11], line[12], line[15], line[16], line[17]);
    }
}
