package io.llgate.server.http;

import io.llgate.server.refund.RefundProduct;
import java.util.Set;
import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.sealedText;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A length is counted in characters (code points), the same on H2 and PostgreSQL: text at a field's limit made
 * of characters outside the Basic Multilingual Plane (emoji, which Java and H2 hold as two UTF-16 units each)
 * is accepted, stored and answered intact everywhere, and one character more is the field's 1004.
 */
class SupplementaryCharacterTest {
    /** Characters outside the BMP: emoji, and a CJK Extension B character as a name may hold. */
    private static final String[] WIDE = {"😀", "🚀", "𠀋", "🀄"};
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static Gateway gateway;
    static TestMerchant merchant;
    static PageClient payer;
    static NotificationReceiver receiver;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 100_000);
        payer = new PageClient(gateway);
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    /** Text of {@code n} characters outside the BMP, unique to the call. */
    private static String wide(int n) {
        String unique = Integer.toString(SEQUENCE.incrementAndGet());
        StringBuilder text = new StringBuilder(unique);
        for (int i = 0; text.codePointCount(0, text.length()) < n; i++) {
            text.append(WIDE[i % WIDE.length]);
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"no_order, 32", "info_order, 255", "acct_name, 100"})
    void payoutAtTheLimitIsAcceptedStoredAndFound(String field, int limit) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, wide(limit));

        Reply applied = merchant.sealed(APPLY, fields);

        assertSigned(applied, SUCCESS, merchant);
        assertThat(applied.get("no_order")).isEqualTo(fields.get("no_order"));
        Reply queried = merchant.plain(QUERY, Map.of("oid_partner", merchant.oidPartner(),
                "no_order", fields.get("no_order")));
        assertSigned(queried, SUCCESS, merchant);
        assertThat(queried.get("no_order")).isEqualTo(fields.get("no_order"));
        assertThat(queried.get("info_order")).isEqualTo(fields.get("info_order"));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"no_order, 33", "info_order, 256", "acct_name, 101"})
    void payoutOverTheLimitIsThatFieldsError(String field, int length) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, wide(length));
        String body = sealedText(gateway, merchant, FlatJson.write(signAsIs(merchant, fields)));

        assertSigned(writesNothing(gateway, () -> merchant.post(APPLY, body)), Code.param(field), merchant);
    }

    @Test
    void onlineBankingOrderAtEveryLimitIsPaidRefundedAndFound() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", receiver.url("/pay-notify"));
        form.put("no_order", wide(32));
        form.put("user_id", wide(32));
        form.put("name_goods", wide(40));
        form.put("info_order", wide(255));
        PaidOrder paid = merchant.paidOnlineBankingOrder(form);

        Reply order = merchant.plain("/orderquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_order", paid.noOrder(), "dt_order", paid.dtOrder()));
        assertSigned(order, SUCCESS, merchant);
        assertThat(order.get("no_order")).isEqualTo(form.get("no_order"));
        assertThat(order.get("info_order")).isEqualTo(form.get("info_order"));

        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", merchant.oidPartner());
        refund.put("no_refund", wide(32));
        refund.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        refund.put("money_refund", "8.88");
        refund.put("no_order", paid.noOrder());
        refund.put("dt_order", paid.dtOrder());
        refund.put("notify_url", receiver.url("/refund-notify"));
        Reply refunded = merchant.plain("/refund.htm", refund);
        assertSigned(refunded, SUCCESS, merchant);
        assertThat(refunded.get("no_refund")).isEqualTo(refund.get("no_refund"));

        Reply found = merchant.plain("/refundquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_refund", refund.get("no_refund"), "dt_refund", refund.get("dt_refund")));
        assertSigned(found, SUCCESS, merchant);
        assertThat(found.get("no_refund")).isEqualTo(refund.get("no_refund"));
        // The outbox keeps each notification's order number as it came; the refund's comes once the bank returned it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifiedOrderNumbers())
                .contains(paid.noOrder(), refund.get("no_refund")));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"no_order, 33", "user_id, 33", "name_goods, 41", "info_order, 256"})
    void onlineBankingOverTheLimitIsThatFieldsError(String field, int length) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", receiver.url("/pay-notify"));
        form.put(field, wide(length));

        Page page = writesNothing(gateway, () ->
                payer.postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8));

        assertThat(page.status()).as(page.html()).isEqualTo(400);
        assertThat(page.byId("ret_code")).isEqualTo("1004");
        assertThat(page.byId("field")).isEqualTo(field);
    }

    @Test
    void merchantNameOfTheLongestLengthIsKept() {
        String name = wide(128);
        gateway.merchants().add(new NewMerchant("2019" + String.format("%014d", 90_000_000L + SEQUENCE.incrementAndGet()),
                name, RsaKeys.pem(merchant.keys().getPublic()), Set.of(RefundProduct.IDENTITY), IpAllowList.any(), 0));

        assertThat(gateway.merchants().list()).anySatisfy(m -> assertThat(m.name()).isEqualTo(name));
    }

    private static List<String> notifiedOrderNumbers() {
        return gateway.jdbi().withHandle(h -> h.createQuery("SELECT no_order FROM notification")
                .mapTo(String.class).list());
    }
}
