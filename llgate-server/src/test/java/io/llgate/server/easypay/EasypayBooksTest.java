package io.llgate.server.easypay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An easypay payment in the merchant's books: the receipt less its fee, a refund, settlement, the report files, reconciliation. */
class EasypayBooksTest {
    Gateway gateway;
    NotificationReceiver receiver;
    Books books;

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
    void payRefundSettleReportAndReconcile() throws Exception {
        TestMerchant merchant = books.merchantWithFee(25);
        EasypayClient client = new EasypayClient(gateway, merchant, receiver.url("/easypay"));
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_books", "6217000000000000002", false, mobile, "100.00");
        TestMerchant.Reply paid = client.pay(apply, mobile);
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
        assertThat(payment.split("\\|", -1)[16]).as("pay_product").isEqualTo("2");
        assertThat(payment.split("\\|", -1)[4]).isEqualTo(paid.get("oid_paybill"));

        JsonNode check = books.reconciliation(merchant, day);
        assertThat(check.get("difference_count").asInt()).as(check.toString()).isZero();
    }
}
