package io.llgate.server.easypay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.preauth.PreAuths;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant.Reply;
import io.llgate.server.testing.TestMerchant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credit card's pre-authorization from end to end through real HTTP with real signatures: an easypay payment with
 * {@code pay_type} {@code F} authorizes the sandbox's test card, and the pre-authorization endpoints capture, cancel
 * and read it, or the gateway's clock expires it; the payment result query answers the authorizing payment as its
 * authorization stands (H2, and PostgreSQL when the suite runs there).
 */
class EasypayPreAuthorizationTest {
    private static final String ICBC_DEBIT = "6222020000000000001";
    private static final String ICBC_CREDIT = "6222300000000008";
    /** A credit card whose bank declines pre-authorizations (docs/products/test-cards.md). */
    private static final String PRE_AUTH_DECLINED = "6222300000001005";
    private static Gateway gateway;
    private static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        books = new Books(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static EasypayClient merchant() {
        return new EasypayClient(gateway, books.merchantWithFee(100), "https://shop.example.com/llp/notify");
    }

    /** An easypay payment of {@code amount} with {@code pay_type} F, through apply and verify; its apply. */
    private static LinkedHashMap<String, String> authorize(EasypayClient client, String card, String amount,
                                                           String expected) {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_pre", card, true, mobile, amount);
        apply.put("pay_type", "F");
        Reply paid = client.pay(apply, mobile);
        assertThat(paid.retCode()).as(paid.text()).isEqualTo(expected);
        return apply;
    }

    private static LinkedHashMap<String, String> preAuth(EasypayClient client, Map<String, String> apply,
                                                        String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", client.merchant.oidPartner());
        f.put("api_version", "1.0");
        f.put("user_id", apply.get("user_id"));
        f.put("pay_type", "F");
        f.put("money_order", amount);
        f.put("no_order", apply.get("no_order"));
        f.put("dt_order", apply.get("dt_order"));
        return f;
    }

    private static Reply state(EasypayClient client, Map<String, String> apply) {
        LinkedHashMap<String, String> f = preAuth(client, apply, "1.00");
        f.remove("user_id");
        f.remove("money_order");
        return client.merchant.plain("/preauthquery.htm", f);
    }

    /**
     * The payment result query of the authorizing payment (20 §12), checked against the pre-authorization status query
     * (§10): the same amount, the status query's ret_msg as memo, and settle_date only with SUCCESS; signed but for
     * memo and bank_name.
     */
    private static Reply orderQuery(EasypayClient client, Map<String, String> apply, String resultPay) {
        Reply query = client.query(apply.get("no_order"));
        Reply state = state(client, apply);
        assertThat(query.retCode()).as(query.text()).isEqualTo("0000");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, query.fields(),
                QueriedOrders.UNSIGNED_FIELDS).valid()).isTrue();
        assertThat(query.get("result_pay")).isEqualTo(resultPay);
        assertThat(query.get("pay_type")).isEqualTo("F");
        assertThat(query.get("oid_paybill")).isEqualTo(state.get("oid_paybill"));
        assertThat(query.get("money_order")).isEqualTo(state.get("money_order"));
        assertThat(query.get("memo")).isEqualTo(state.get("ret_msg"));
        assertThat(query.get("card_no")).isEqualTo("622230******0008");
        if (!resultPay.equals("SUCCESS")) {
            assertThat(query.fields()).doesNotContainKey("settle_date");
        }
        return query;
    }

    @Test
    void anAuthorizedCreditCardIsCapturedInPartOnceAndOnlyTheCapturedPartIsPaidAndRefundable() {
        EasypayClient client = merchant();
        LinkedHashMap<String, String> apply = authorize(client, ICBC_CREDIT, "450.00", "0000");
        Reply authorized = state(client, apply);
        assertThat(authorized.retCode()).isEqualTo("PR07");
        assertThat(authorized.get("money_order")).isEqualTo("450.00");
        assertThat(books.balances(client.merchant)).containsEntry("amt_unsettle", "0.00");
        assertThat(orderQuery(client, apply, "SUCCESS").get("money_order")).isEqualTo("450.00");

        Reply captured = client.merchant.plain("/preauthComplete.htm", preAuth(client, apply, "300.00"));
        assertThat(captured.retCode()).as(captured.text()).isEqualTo("0000");
        assertThat(captured.get("oid_paybill")).isEqualTo(authorized.get("oid_paybill"));
        assertThat(books.balances(client.merchant)).containsEntry("amt_unsettle", "297.00");
        assertThat(client.merchant.plain("/preauthComplete.htm", preAuth(client, apply, "100.00")).retCode())
                .isEqualTo("7017");
        assertThat(client.merchant.plain("/preauthCancel.htm", preAuth(client, apply, "450.00")).retCode())
                .isEqualTo("2007");
        assertThat(state(client, apply).retCode()).isEqualTo("PR11");
        // Captured in part: the order query answers the captured amount, paid on the capture's settle_date.
        Reply queried = orderQuery(client, apply, "SUCCESS");
        assertThat(queried.get("money_order")).isEqualTo("300.00");
        assertThat(queried.get("settle_date")).isEqualTo(captured.get("settle_date"));

        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", client.merchant.oidPartner());
        refund.put("no_refund", "RF" + apply.get("no_order"));
        refund.put("dt_refund", apply.get("dt_order"));
        refund.put("money_refund", "300.01");
        refund.put("no_order", apply.get("no_order"));
        refund.put("notify_url", "https://shop.example.com/llp/refunds");
        assertThat(client.merchant.plain("/exchangerefund.htm", refund).retCode()).isEqualTo("5003");
        refund.put("money_refund", "300.00");
        Reply refunded = client.merchant.plain("/exchangerefund.htm", refund);
        assertThat(refunded.retCode()).as(refunded.text()).isEqualTo("0000");
    }

    @Test
    void aCancelledAuthorizationMovesNoMoney() {
        EasypayClient client = merchant();
        LinkedHashMap<String, String> apply = authorize(client, ICBC_CREDIT, "88.00", "0000");
        Reply cancelled = client.merchant.plain("/preauthCancel.htm", preAuth(client, apply, "88"));
        assertThat(cancelled.retCode()).as(cancelled.text()).isEqualTo("0000");
        assertThat(state(client, apply).retCode()).isEqualTo("PR14");
        // Cancelled: the authorization is reversed, and no merchant ships on it.
        assertThat(orderQuery(client, apply, "REFUND").get("money_order")).isEqualTo("88.00");
        assertThat(client.merchant.plain("/preauthComplete.htm", preAuth(client, apply, "88.00")).retCode())
                .isEqualTo("2006");
        assertThat(books.balances(client.merchant)).containsEntry("amt_unsettle", "0.00");
    }

    @Test
    void aDebitCardCannotBeAuthorizedAndADeclinedAuthorizationLeavesNothingToCapture() {
        EasypayClient client = merchant();
        LinkedHashMap<String, String> debit = client.apply("u_pre", ICBC_DEBIT, false, EasypayClient.newMobile(),
                "10.00");
        debit.put("pay_type", "F");
        assertThat(client.post(debit).retCode()).isEqualTo("5601");
        assertThat(state(client, debit).retCode()).isEqualTo("8901");

        LinkedHashMap<String, String> declined = authorize(client, PRE_AUTH_DECLINED, "10.00", "1005");
        assertThat(state(client, declined).retCode()).isEqualTo("8901");
        assertThat(client.merchant.plain("/preauthComplete.htm", preAuth(client, declined, "10.00")).retCode())
                .isEqualTo("8901");
    }

    @Test
    void anAuthorizationNeitherCapturedNorCancelledExpiresAfterItsHold() {
        EasypayClient client = merchant();
        LinkedHashMap<String, String> apply = authorize(client, ICBC_CREDIT, "20.00", "0000");
        gateway.advanceClock(PreAuths.HOLD.plusSeconds(1));
        assertThat(state(client, apply).retCode()).isEqualTo("2006");
        // Expired unpaid, as any order past its time (11 O8).
        assertThat(orderQuery(client, apply, "FAILURE").get("money_order")).isEqualTo("20.00");
        assertThat(client.merchant.plain("/preauthComplete.htm", preAuth(client, apply, "20.00")).retCode())
                .isEqualTo("2006");
        assertThat(books.balances(client.merchant)).containsEntry("amt_unsettle", "0.00");
    }
}
