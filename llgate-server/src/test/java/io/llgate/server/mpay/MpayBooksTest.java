package io.llgate.server.mpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.MpayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An MPAY payment in the merchant's books: received less its fee, refunded, settled, reported as pay_product 3, listed. */
class MpayBooksTest {
    private Gateway gateway;
    private NotificationReceiver receiver;
    private TestAdmin admin;
    private Books books;

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

    @Test
    void payRefundSettleReportReconcileAndList() throws Exception {
        TestMerchant merchant = books.merchantWithFee(25);
        MpayClient client = new MpayClient(gateway, merchant, receiver.url("/mpay"));
        LinkedHashMap<String, String> apply = client.apply("u_books", "6217000000000000002", false, "13700001234",
                "100.00");
        TestMerchant.Reply paid = client.pay(apply);
        assertThat(paid.get("result_pay")).isEqualTo("SUCCESS");
        String day = paid.get("settle_date");
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "99.75");

        books.refund(merchant, new TestMerchant.PaidOrder(apply.get("no_order"), apply.get("dt_order"),
                paid.get("oid_paybill"), "100.00"), "40.00", receiver.url("/refunds"));
        assertThat(books.balances(merchant)).containsEntry("amt_unsettle", "59.85");

        books.advanceToJustAfterTheCutOff(120);
        books.settle(day);
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "59.85").containsEntry("amt_unsettle", "0.00");
        books.generateReports(merchant, day);
        String detail = books.report("JYMX_" + merchant.oidPartner() + "_" + day + ".txt");
        String payment = detail.lines().filter(line -> line.startsWith(apply.get("no_order") + "|")
                && line.split("\\|", -1)[7].equals("100.00")).findFirst().orElseThrow();
        assertThat(payment.split("\\|", -1)[16]).as("pay_product").isEqualTo("3");
        assertThat(payment.split("\\|", -1)[17]).as("pay_type").isEqualTo("2");

        JsonNode check = books.reconciliation(merchant, day);
        assertThat(check.get("difference_count").asInt()).as(check.toString()).isZero();

        JsonNode listed = admin.get("/admin/transactions?product=mpay&q=" + paid.get("oid_paybill")).json();
        String ref = listed.get("transactions").get(0).get("ref").asText();
        JsonNode order = admin.get("/admin/transactions/" + ref).json();
        assertThat(order.get("transaction").get("status").asText()).isEqualTo("SUCCESS");
        assertThat(order.toString()).contains("621700*********0002").doesNotContain("6217000000000000002");
    }
}
