package io.llgate.server.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/transactions} and {@code /admin/transactions/{ref}} over HTTP, on transactions made the way
 * merchants make them: a payout, an online banking payment the sandbox bank paid, and a refund of it, each notified;
 * and card payments: an easypay payment verified with the code the sandbox texted, refunded in part, and a credit
 * card's pre-authorization, captured in part and refunded in part (H2, and PostgreSQL when the suite runs there).
 */
class TransactionAdminTest {
    static Gateway gateway;
    static TestAdmin admin;
    static NotificationReceiver receiver;
    static TestMerchant merchant;
    static TestMerchant other;
    static String payoutPaybill;
    static TestMerchant.PaidOrder order;
    static String refundNumber;
    static TestMerchant.PaidOrder othersOrder;
    static final String DEBIT_CARD = "6222020000000000001";
    static final String CREDIT_CARD = "6222300000000008";
    static String easypayMobile;
    static TestMerchant.PaidOrder easypay;
    static String easypayRefund;
    static TestMerchant.PaidOrder preAuth;
    static String preAuthRefund;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings());
        admin = new TestAdmin(gateway);
        receiver = new NotificationReceiver();
        merchant = TestMerchant.register(gateway, 1_000_000);
        other = TestMerchant.register(gateway, 0);
        Books books = new Books(gateway);
        EasypayClient cards = new EasypayClient(gateway, merchant, receiver.url());
        easypayMobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = cards.apply("u_card", DEBIT_CARD, false, easypayMobile, "128.50");
        TestMerchant.Reply paid = cards.pay(apply, easypayMobile);
        assertThat(paid.retCode()).as(paid.text()).isEqualTo("0000");
        easypay = new TestMerchant.PaidOrder(apply.get("no_order"), apply.get("dt_order"), paid.get("oid_paybill"),
                "128.50");
        easypayRefund = books.refund(merchant, easypay, "28.50", receiver.url()).get("oid_refundno");
        preAuth = authorizedAndCaptured(cards, "450.00", "300.00");
        preAuthRefund = books.refund(merchant, preAuth, "100.00", receiver.url()).get("oid_refundno");
        TestMerchant.Reply payout = merchant.sealed("/paymentapi/payment.htm",
                merchant.payout("6217000000" + System.nanoTime() % 100_000 + "5678", "250.50", receiver.url()));
        assertThat(payout.retCode()).as(payout.text()).isEqualTo("0000");
        payoutPaybill = payout.get("oid_paybill");
        order = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        refundNumber = books.refund(merchant, order, "8.80", receiver.url()).get("oid_refundno");
        othersOrder = other.paidOnlineBankingOrder("12.00", receiver.url());
        receiver.await(8);
    }

    /** A credit card's pre-authorization of {@code authorized} (easypay, pay_type F), captured for {@code captured}. */
    private static TestMerchant.PaidOrder authorizedAndCaptured(EasypayClient cards, String authorized,
                                                               String captured) {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = cards.apply("u_card_pre", CREDIT_CARD, true, mobile, authorized);
        apply.put("pay_type", "F");
        TestMerchant.Reply paid = cards.pay(apply, mobile);
        assertThat(paid.retCode()).as(paid.text()).isEqualTo("0000");
        TestMerchant.Reply capture = merchant.plain("/preauthComplete.htm", "oid_partner", merchant.oidPartner(),
                "api_version", "1.0", "user_id", apply.get("user_id"), "pay_type", "F", "money_order", captured,
                "no_order", apply.get("no_order"), "dt_order", apply.get("dt_order"));
        assertThat(capture.retCode()).as(capture.text()).isEqualTo("0000");
        return new TestMerchant.PaidOrder(apply.get("no_order"), apply.get("dt_order"), paid.get("oid_paybill"), captured);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    private static JsonNode list(String query) {
        TestAdmin.Response r = admin.get("/admin/transactions" + (query.isEmpty() ? "" : "?" + query));
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
        return r.json();
    }

    private static List<String> field(JsonNode page, String name) {
        List<String> values = new ArrayList<>();
        page.get("transactions").forEach(t -> values.add(t.get(name).asText()));
        return values;
    }

    @Test
    void everyProductsTransactionsAreListedNewestFirst() {
        JsonNode page = list("");
        assertThat(field(page, "product")).containsExactly("online-banking", "refund", "online-banking",
                "instant-payment", "refund", "pre-authorization", "easypay", "refund", "easypay");
        assertThat(field(page, "merchant")).containsExactly(other.oidPartner(), merchant.oidPartner(),
                merchant.oidPartner(), merchant.oidPartner(), merchant.oidPartner(), merchant.oidPartner(),
                merchant.oidPartner(), merchant.oidPartner(), merchant.oidPartner());
        // A pre-authorization's amount is the captured one; the easypay payment that authorized keeps its own.
        assertThat(field(page, "amount")).containsExactly("12.00", "8.80", "88.80", "250.50", "100.00", "300.00",
                "450.00", "28.50", "128.50");
        assertThat(field(page, "status")).endsWith("SUCCESS", "CAPTURED", "AUTHORIZED", "SUCCESS", "SUCCESS");
        assertThat(field(page, "refund_number")).contains(refundNumber, easypayRefund, preAuthRefund);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void filtersAndSearchNarrowTheList() {
        assertThat(field(list("merchant=" + other.oidPartner()), "no_order")).containsExactly(othersOrder.noOrder());
        assertThat(field(list("product=refund"), "refund_number"))
                .containsExactly(refundNumber, preAuthRefund, easypayRefund);
        assertThat(field(list("product=instant-payment,online-banking&merchant=" + merchant.oidPartner()), "product"))
                .containsExactly("online-banking", "instant-payment");
        // A payment's number finds the payment and its refunds; the refund's own number finds the refund.
        assertThat(field(list("q=" + order.oidPaybill()), "product")).containsExactly("refund", "online-banking");
        assertThat(field(list("q=" + order.noOrder()), "product")).containsExactly("refund", "online-banking");
        assertThat(field(list("q=" + refundNumber), "product")).containsExactly("refund");
        assertThat(field(list("q=" + payoutPaybill), "product")).containsExactly("instant-payment");
        assertThat(field(list("status=success&product=online-banking"), "no_order"))
                .containsExactly(othersOrder.noOrder(), order.noOrder());
        assertThat(field(list("merchant=NOSUCHMERCHANT"), "ref")).isEmpty();
        // Card payments: found by either number, with their refunds; a pre-authorization and the easypay payment
        // that authorized it share both numbers.
        assertThat(field(list("q=" + easypay.noOrder()), "product")).containsExactly("refund", "easypay");
        assertThat(field(list("q=" + easypay.oidPaybill()), "product")).containsExactly("refund", "easypay");
        assertThat(field(list("q=" + preAuth.noOrder()), "product"))
                .containsExactly("refund", "pre-authorization", "easypay");
        assertThat(field(list("q=" + preAuth.oidPaybill()), "product"))
                .containsExactly("refund", "pre-authorization", "easypay");
        assertThat(field(list("q=" + preAuthRefund), "product")).containsExactly("refund");
        assertThat(field(list("product=pre-authorization&status=CAPTURED"), "no_order")).containsExactly(preAuth.noOrder());
        assertThat(field(list("product=easypay,pre-authorization&merchant=" + merchant.oidPartner()), "product"))
                .containsExactly("pre-authorization", "easypay", "easypay");
        assertThat(field(list("from=2100-01-01T00:00:00Z"), "ref")).isEmpty();
    }

    @Test
    void pagesFollowTheNextCursor() {
        List<String> all = field(list(""), "ref");
        List<String> walked = new ArrayList<>();
        JsonNode page = list("limit=1");
        while (true) {
            walked.addAll(field(page, "ref"));
            if (page.get("next").isNull()) {
                break;
            }
            page = list("limit=1&after=" + page.get("next").asText());
        }
        assertThat(walked).isEqualTo(all);
    }

    @Test
    void aPaymentInDetailHasItsTimelinePostingsRefundsAndNotifications() {
        String ref = list("q=" + order.oidPaybill() + "&product=online-banking").get("transactions").get(0)
                .get("ref").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/admin/transactions/" + ref).json()
                .get("notifications").get(0).get("attempts").size() > 0);
        JsonNode detail = admin.get("/admin/transactions/" + ref).json();
        assertThat(detail.get("transaction").get("no_order").asText()).isEqualTo(order.noOrder());
        assertThat(detail.get("transaction").get("status").asText()).isEqualTo("SUCCESS");
        List<String> entries = new ArrayList<>();
        detail.get("postings").forEach(e -> entries.add(e.get("kind").asText()));
        assertThat(entries).containsExactly("PAYMENT_RECEIPT");
        long sum = 0;
        for (JsonNode p : detail.get("postings").get(0).get("postings")) {
            sum += p.get("amount").asLong();
            assertThat(p.get("currency").asText()).isEqualTo("CNY");
        }
        assertThat(sum).as("postings sum to zero").isZero();
        assertThat(detail.get("refunds").get(0).get("refund_number").asText()).isEqualTo(refundNumber);
        JsonNode notification = detail.get("notifications").get(0);
        assertThat(notification.get("body").asText()).contains(order.noOrder()).contains("\"result_pay\":\"SUCCESS\"");
        assertThat(notification.get("attempts").get(0).get("http_status").asInt()).isEqualTo(200);
        List<String> timeline = new ArrayList<>();
        detail.get("timeline").forEach(m -> timeline.add(m.get("what").asText()));
        assertThat(timeline).anyMatch(w -> w.startsWith("ordered")).anyMatch(w -> w.equals("ledger entry PAYMENT_RECEIPT"))
                .anyMatch(w -> w.startsWith("refund " + refundNumber)).anyMatch(w -> w.contains("attempt 1: ACKNOWLEDGED HTTP 200"));
    }

    @Test
    void aRefundAndAPayoutInDetail() {
        String refundRef = list("q=" + refundNumber).get("transactions").get(0).get("ref").asText();
        JsonNode refund = admin.get("/admin/transactions/" + refundRef).json();
        String paymentRef = list("q=" + order.oidPaybill() + "&product=online-banking").get("transactions").get(0)
                .get("ref").asText();
        assertThat(refund.get("refund_of").asText()).isEqualTo(paymentRef);
        List<String> entries = new ArrayList<>();
        refund.get("postings").forEach(e -> entries.add(e.get("kind").asText()));
        assertThat(entries).containsExactly("REFUND_RESERVE", "REFUND");
        assertThat(refund.get("facts").get("no_refund").asText()).isNotBlank();

        String payoutRef = list("q=" + payoutPaybill).get("transactions").get(0).get("ref").asText();
        JsonNode payout = admin.get("/admin/transactions/" + payoutRef).json();
        assertThat(payout.get("facts").get("card_no").asText()).matches("621700\\*+5678");
        entries.clear();
        payout.get("postings").forEach(e -> entries.add(e.get("kind").asText()));
        assertThat(entries).containsExactly("PAYOUT_RESERVE", "PAYOUT_SUCCESS");
    }

    @Test
    void anEasypayPaymentInDetailShowsItsCardMaskedItsPostingsRefundAndNotification() {
        String ref = list("q=" + easypay.oidPaybill() + "&product=easypay").get("transactions").get(0).get("ref").asText();
        JsonNode detail = admin.get("/admin/transactions/" + ref).json();
        JsonNode facts = detail.get("facts");
        assertThat(facts.get("card_no").asText()).isEqualTo("622202*********0001");
        assertThat(facts.get("id_no").asText()).isEqualTo("110***********803X");
        assertThat(facts.get("bind_mob").asText()).isEqualTo(easypayMobile.substring(0, 3) + "****"
                + easypayMobile.substring(7));
        assertThat(facts.get("pay_type").asText()).isEqualTo("M");
        assertThat(detail.toString()).doesNotContain(DEBIT_CARD, EasypayClient.ID_NO, easypayMobile, EasypayClient.NAME);
        List<String> entries = new ArrayList<>();
        detail.get("postings").forEach(e -> entries.add(e.get("kind").asText()));
        assertThat(entries).containsExactly("PAYMENT_RECEIPT");
        assertThat(detail.get("refunds").get(0).get("refund_number").asText()).isEqualTo(easypayRefund);
        assertThat(detail.get("notifications").get(0).get("body").asText()).contains(easypay.oidPaybill())
                .contains("\"result_pay\":\"SUCCESS\"");
        List<String> timeline = new ArrayList<>();
        detail.get("timeline").forEach(m -> timeline.add(m.get("what").asText()));
        assertThat(timeline).anyMatch(w -> w.startsWith("applied; a verification code texted"))
                .anyMatch(w -> w.equals("charged to the card")).anyMatch(w -> w.startsWith("refund " + easypayRefund));

        String refundRef = list("q=" + easypayRefund).get("transactions").get(0).get("ref").asText();
        assertThat(admin.get("/admin/transactions/" + refundRef).json().get("refund_of").asText()).isEqualTo(ref);
    }

    @Test
    void aPreAuthorizationInDetailShowsItsCardMaskedItsCaptureAndItsRefund() {
        String ref = list("q=" + preAuth.oidPaybill() + "&product=pre-authorization").get("transactions").get(0)
                .get("ref").asText();
        JsonNode detail = admin.get("/admin/transactions/" + ref).json();
        assertThat(detail.get("transaction").get("status").asText()).isEqualTo("CAPTURED");
        JsonNode facts = detail.get("facts");
        assertThat(facts.get("card_no").asText()).isEqualTo("622230******0008");
        assertThat(facts.get("money_authorized").asText()).isEqualTo("450.00");
        assertThat(facts.get("money_captured").asText()).isEqualTo("300.00");
        assertThat(facts.get("state_now").asText()).isEqualTo("PR11");
        assertThat(detail.toString()).doesNotContain(CREDIT_CARD);
        List<String> entries = new ArrayList<>();
        detail.get("postings").forEach(e -> entries.add(e.get("kind").asText()));
        assertThat(entries).containsExactly("PAYMENT_RECEIPT");
        assertThat(detail.get("refunds").get(0).get("refund_number").asText()).isEqualTo(preAuthRefund);
        List<String> timeline = new ArrayList<>();
        detail.get("timeline").forEach(m -> timeline.add(m.get("what").asText()));
        assertThat(timeline).anyMatch(w -> w.equals("authorized by the card's issuer: 450.00"))
                .anyMatch(w -> w.equals("captured: 300.00")).anyMatch(w -> w.startsWith("refund " + preAuthRefund));

        String refundRef = list("q=" + preAuthRefund).get("transactions").get(0).get("ref").asText();
        assertThat(admin.get("/admin/transactions/" + refundRef).json().get("refund_of").asText()).isEqualTo(ref);

        // The easypay payment that authorized stays AUTHORIZED, with the card masked the same way.
        String payment = list("q=" + preAuth.oidPaybill() + "&product=easypay").get("transactions").get(0)
                .get("ref").asText();
        JsonNode authorizing = admin.get("/admin/transactions/" + payment).json();
        assertThat(authorizing.get("transaction").get("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(authorizing.get("facts").get("card_no").asText()).isEqualTo("622230******0008");
        assertThat(authorizing.get("facts").get("pay_type").asText()).isEqualTo("F");
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThat(admin.get("/admin/transactions?product=card-payments").status()).isEqualTo(400);
        assertThat(admin.get("/admin/transactions?status=PAID").json().get("error").asText()).contains("unknown status");
        assertThat(admin.get("/admin/transactions?after=not-a-cursor").status()).isEqualTo(400);
        assertThat(admin.get("/admin/transactions?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/admin/transactions?from=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/admin/transactions/refund:999999").status()).isEqualTo(404);
        assertThat(admin.get("/admin/transactions/nothing").status()).isEqualTo(404);
        assertThat(admin.get("/admin/transactions/card-payments:1").status()).isEqualTo(404);
    }
}
