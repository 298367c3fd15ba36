package io.llgate.server.http;

import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.refund.RefundProduct;
import io.llgate.server.Products;
import java.util.Set;
import static io.llgate.server.http.ReplyChecks.DUPLICATE_ORDER;
import static io.llgate.server.http.ReplyChecks.INSUFFICIENT_BALANCE;
import static io.llgate.server.http.ReplyChecks.IN_PROGRESS;
import static io.llgate.server.http.ReplyChecks.IP_NOT_ALLOWED;
import static io.llgate.server.http.ReplyChecks.NOT_CONFIRMABLE;
import static io.llgate.server.http.ReplyChecks.NO_INSTANT_PAY;
import static io.llgate.server.http.ReplyChecks.NO_RECORD;
import static io.llgate.server.http.ReplyChecks.PAYBILL_ORDER_MISMATCH;
import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.SUSPENDED;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.BALANCE;
import static io.llgate.server.http.Requests.CONFIRM;
import static io.llgate.server.http.Requests.NOTIFY_URL;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.payout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.MerchantStatus;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Well-formed requests the gateway must still refuse because of the merchant or its orders: access,
 * repeated order numbers, balance, and query and confirm requests naming the wrong order. Each test
 * has its own merchant; payouts go to held cards so nothing settles in the background.
 */
class MerchantRefusalTest {
    static Gateway gateway;
    static NotificationReceiver receiver;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void repeatedOrderNumberAfterSuccessIsADuplicate() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> request = merchant.payout("6217000010009990008", "5.00", receiver.url());
        assertSigned(merchant.sealed(APPLY, request), SUCCESS, merchant);
        // The bank's answer writes the ledger and the notification; wait for it before comparing the store.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SUCCESS".equals(query(merchant, request).get("result_pay")));

        Reply reply = writesNothing(gateway, () -> merchant.sealed(APPLY, request));

        assertSigned(reply, DUPLICATE_ORDER, merchant);
        assertThat(reply.get("no_order")).isEqualTo(request.get("no_order"));
        assertThat(reply.fields()).doesNotContainKey("oid_paybill");
    }

    @Test
    void repeatedOrderNumberWhileProcessingIsInProgress() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> request = payout(merchant);
        assertSigned(merchant.sealed(APPLY, request), SUCCESS, merchant);

        Reply reply = writesNothing(gateway, () -> merchant.sealed(APPLY, request));

        assertSigned(reply, IN_PROGRESS, merchant);
        assertThat(reply.fields()).doesNotContainKey("oid_paybill");
    }

    @Test
    void payoutBeyondTheBalanceIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 499);

        Reply reply = writesNothing(gateway, () -> merchant.sealed(APPLY, payout(merchant)));

        assertSigned(reply, INSUFFICIENT_BALANCE, merchant);
        assertThat(balance(merchant)).isEqualTo("4.99");
    }

    @Test
    void fundsAreReservedWhenThePayoutIsAccepted() {
        TestMerchant merchant = TestMerchant.register(gateway, 800);
        assertSigned(merchant.sealed(APPLY, payout(merchant)), SUCCESS, merchant);

        // The bank holds the payout, yet the 5.00 is already gone from the available balance.
        assertThat(balance(merchant)).isEqualTo("3.00");
        Reply second = writesNothing(gateway, () -> merchant.sealed(APPLY, payout(merchant)));
        assertSigned(second, INSUFFICIENT_BALANCE, merchant);
        assertThat(balance(merchant)).isEqualTo("3.00");
    }

    @Test
    void merchantWithoutInstantPaymentIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000,
                Set.of(OnlineBankingProduct.IDENTITY, RefundProduct.IDENTITY), IpAllowList.any());

        assertSigned(writesNothing(gateway, () -> merchant.sealed(APPLY, payout(merchant))), NO_INSTANT_PAY, merchant);
        assertSigned(writesNothing(gateway, () -> merchant.plain(QUERY, queryFields(merchant, "PO1", null))),
                NO_INSTANT_PAY, merchant);
        assertThat(balance(merchant)).isEqualTo("1000.00");
    }

    @Test
    void requestFromAnAddressOffTheListIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000, Products.catalogue().granted(),
                IpAllowList.parse("10.1.2.3"));

        assertSigned(writesNothing(gateway, () -> merchant.sealed(APPLY, payout(merchant))), IP_NOT_ALLOWED, merchant);
        assertSigned(writesNothing(gateway, () -> merchant.plain(BALANCE, balanceFields(merchant))),
                IP_NOT_ALLOWED, merchant);
    }

    @Test
    void requestFromAListedBlockIsAccepted() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000, Products.catalogue().granted(),
                IpAllowList.parse("10.1.2.3, 127.0.0.0/8"));

        assertSigned(merchant.sealed(APPLY, payout(merchant)), SUCCESS, merchant);
    }

    @Test
    void suspendedMerchantIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        gateway.merchants().update(merchant.oidPartner(), null, null, null, MerchantStatus.SUSPENDED);

        assertSigned(writesNothing(gateway, () -> merchant.sealed(APPLY, payout(merchant))), SUSPENDED, merchant);
        assertSigned(writesNothing(gateway, () -> merchant.plain(QUERY, queryFields(merchant, "PO1", null))),
                SUSPENDED, merchant);
    }

    @Test
    void queryNeedsAnOrderNumberOrAPaybill() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);

        Reply reply = writesNothing(gateway, () -> merchant.plain(QUERY, queryFields(merchant, null, null)));

        assertSigned(reply, Code.param("no_order"), merchant);
    }

    @Test
    void queryForAnUnknownOrderHasNoRecord() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        // Another merchant's order is unknown to this one.
        TestMerchant other = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> othersOrder = payout(other);
        Reply othersReply = other.sealed(APPLY, othersOrder);

        assertSigned(writesNothing(gateway, () -> merchant.plain(QUERY, queryFields(merchant, "PO-NONE", null))),
                NO_RECORD, merchant);
        assertSigned(writesNothing(gateway, () -> merchant.plain(QUERY,
                queryFields(merchant, othersOrder.get("no_order"), null))), NO_RECORD, merchant);
        assertSigned(writesNothing(gateway, () -> merchant.plain(QUERY,
                queryFields(merchant, null, othersReply.get("oid_paybill")))), NO_RECORD, merchant);
    }

    @Test
    void queryNamingTwoDifferentOrdersIsAMismatch() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> first = payout(merchant);
        assertSigned(merchant.sealed(APPLY, first), SUCCESS, merchant);
        Reply second = merchant.sealed(APPLY, payout(merchant));

        Reply reply = writesNothing(gateway, () -> merchant.plain(QUERY,
                queryFields(merchant, first.get("no_order"), second.get("oid_paybill"))));

        assertSigned(reply, PAYBILL_ORDER_MISMATCH, merchant);
    }

    @Test
    void queryByPaybillAloneFindsTheOrder() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> request = payout(merchant);
        Reply apply = merchant.sealed(APPLY, request);

        Reply reply = merchant.plain(QUERY, queryFields(merchant, null, apply.get("oid_paybill")));

        assertSigned(reply, SUCCESS, merchant);
        assertThat(reply.fields()).containsEntry("no_order", request.get("no_order"))
                .containsEntry("result_pay", "PROCESSING");
    }

    // I4: the table says query_version, the sample and the SDK send api_version; either or neither is fine.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query_version", "api_version", "neither"})
    void queryAcceptsEitherVersionField(String versionField) {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> request = payout(merchant);
        assertSigned(merchant.sealed(APPLY, request), SUCCESS, merchant);
        LinkedHashMap<String, String> fields = queryFields(merchant, request.get("no_order"), null);
        fields.remove("query_version");
        if (!versionField.equals("neither")) {
            fields.put(versionField, "1.0");
        }

        Reply reply = merchant.plain(QUERY, fields);

        assertSigned(reply, SUCCESS, merchant);
        assertThat(reply.get("no_order")).isEqualTo(request.get("no_order"));
    }

    @Test
    void confirmingAnUnknownOrderIsNotConfirmable() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);

        Reply reply = writesNothing(gateway, () -> merchant.sealed(CONFIRM, confirmFields(merchant, "PO-NONE")));

        assertSigned(reply, NOT_CONFIRMABLE, merchant);
        assertThat(reply.fields()).doesNotContainKey("oid_paybill");
    }

    @Test
    void confirmingAnOrderThatIsNotWaitingIsNotConfirmable() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> request = payout(merchant);
        assertSigned(merchant.sealed(APPLY, request), SUCCESS, merchant);

        LinkedHashMap<String, String> confirm = confirmFields(merchant, request.get("no_order"));

        Reply reply = writesNothing(gateway, () -> merchant.sealed(CONFIRM, confirm));

        assertSigned(reply, NOT_CONFIRMABLE, merchant);
        assertThat(query(merchant, request).get("result_pay")).isEqualTo("PROCESSING");
    }

    @Test
    void balanceQueryNeedsApiVersion() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        LinkedHashMap<String, String> fields = balanceFields(merchant);
        fields.remove("api_version");

        Reply reply = writesNothing(gateway, () -> merchant.plain(BALANCE, fields));

        assertSigned(reply, Code.param("api_version"), merchant);
        assertThat(reply.fields()).doesNotContainKeys("amt_balance", "amt_unsettle");
    }

    private static LinkedHashMap<String, String> queryFields(TestMerchant merchant, String noOrder, String oidPaybill) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", merchant.oidPartner());
        fields.put("no_order", noOrder);
        fields.put("oid_paybill", oidPaybill);
        fields.put("query_version", "1.0");
        return fields;
    }

    private static Map<String, String> query(TestMerchant merchant, Map<String, String> request) {
        return merchant.plain(QUERY, queryFields(merchant, request.get("no_order"), null)).fields();
    }

    private static LinkedHashMap<String, String> confirmFields(TestMerchant merchant, String noOrder) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("api_version", "1.0");
        fields.put("confirm_code", "123456");
        fields.put("no_order", noOrder);
        fields.put("notify_url", NOTIFY_URL);
        fields.put("oid_partner", merchant.oidPartner());
        return fields;
    }

    private static LinkedHashMap<String, String> balanceFields(TestMerchant merchant) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", merchant.oidPartner());
        fields.put("api_version", "1.0");
        return fields;
    }

    /** The available balance as the merchant reads it through the balance query. */
    private static String balance(TestMerchant merchant) {
        Reply reply = merchant.plain(BALANCE, balanceFields(merchant));
        assertSigned(reply, SUCCESS, merchant);
        return reply.get("amt_balance");
    }
}
