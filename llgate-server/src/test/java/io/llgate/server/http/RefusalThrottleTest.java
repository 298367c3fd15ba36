package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.NO_RECORD;
import static io.llgate.server.http.ReplyChecks.SIGN_ERROR;
import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertJsonAnswer;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.BALANCE;
import static io.llgate.server.http.Requests.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.security.FailureLimit;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests that fail to authenticate (a forged signature inside a pay_load the gateway had to open) are
 * counted per merchant and per source address; past the limit they are answered 1007 at once, unsigned and
 * unopened, while merchants whose requests carry valid signatures are never held back.
 */
class RefusalThrottleTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Map<String, String> NETWORK_BUSY = Map.of("ret_code", "1007", "ret_msg", "网络链接繁忙");

    private static Gateway start(int perMerchant, int perSource) {
        return Gateway.start(TestGateways.settings().withRequestLimits(RequestLimits.none().withRefusals(
                new FailureLimit(perMerchant, HOUR), new FailureLimit(perSource, HOUR))));
    }

    @Test
    void aSourceSendingForgedRequestsIsAnsweredWithoutRsaWorkOnceItsCountIsUsed() {
        try (Gateway gateway = start(100, 3)) {
            TestMerchant a = TestMerchant.register(gateway, 100_000);
            TestMerchant b = TestMerchant.register(gateway, 100_000);
            FromAddress attacker = new FromAddress("127.0.0.2");
            for (int i = 0; i < 3; i++) {
                assertSigned(attacker.post(gateway, APPLY, forgedPayout(gateway, a, b)).reply(), SIGN_ERROR, a);
            }

            FromAddress.Answer[] throttled = new FromAddress.Answer[1];
            writesNothing(gateway, () -> (throttled[0] = attacker.post(gateway, APPLY, forgedPayout(gateway, a, b))).reply());

            assertThrottled(throttled[0], a);
            // Not even opened: a pay_load nobody could open answers 1007, not 4007.
            assertThrottled(attacker.post(gateway, APPLY, Requests.outer(a.oidPartner(), "not-a-pay-load")), a);
            // The source is held back whichever merchant it names.
            assertThrottled(attacker.post(gateway, APPLY, forgedPayout(gateway, b, a)), b);
            // Another source, and the merchant itself, are served as ever.
            assertSigned(a.sealed(APPLY, Requests.payout(a)), SUCCESS, a);
            assertSigned(b.plain(BALANCE, balanceFields(b)), SUCCESS, b);
        }
    }

    @Test
    void forgedRequestsForOneMerchantHoldItBackButNotFromAddressesThatHoldItsKey() {
        try (Gateway gateway = start(3, 100)) {
            TestMerchant a = TestMerchant.register(gateway, 100_000);
            TestMerchant b = TestMerchant.register(gateway, 100_000);
            // The merchant's own server (127.0.0.1) has signed a request before the attack.
            assertSigned(a.plain(BALANCE, balanceFields(a)), SUCCESS, a);
            FromAddress attacker = new FromAddress("127.0.0.2");
            for (int i = 0; i < 3; i++) {
                assertSigned(attacker.post(gateway, APPLY, forgedPayout(gateway, a, b)).reply(), SIGN_ERROR, a);
            }

            assertThrottled(attacker.post(gateway, APPLY, forgedPayout(gateway, a, b)), a);
            assertThrottled(new FromAddress("127.0.0.3").post(gateway, APPLY, forgedPayout(gateway, a, b)), a);

            assertSigned(a.sealed(APPLY, Requests.payout(a)), SUCCESS, a);
            assertSigned(attacker.post(gateway, BALANCE, FlatJson.write(b.sign(balanceFields(b)))).reply(), SUCCESS, b);
        }
    }

    @Test
    void requestsWithValidSignaturesNeverCountEvenWhenTheyAreRefused() {
        try (Gateway gateway = start(2, 2)) {
            TestMerchant merchant = TestMerchant.register(gateway, 100_000);
            FromAddress elsewhere = new FromAddress("127.0.0.4");

            for (int i = 0; i < 10; i++) {
                // Signed by the merchant, refused for what it asks: no such order.
                Reply reply = elsewhere.post(gateway, QUERY, FlatJson.write(merchant.sign(queryFields(merchant, "NONE" + i))))
                        .reply();
                assertSigned(reply, NO_RECORD, merchant);
            }
            for (int i = 0; i < 10; i++) {
                assertSigned(elsewhere.post(gateway, BALANCE, FlatJson.write(merchant.sign(balanceFields(merchant))))
                        .reply(), SUCCESS, merchant);
            }
        }
    }

    @Test
    void withoutLimitsEveryForgedRequestGetsItsOwnAnswer() {
        try (Gateway gateway = Gateway.start(TestGateways.settings())) {
            TestMerchant a = TestMerchant.register(gateway, 100_000);
            TestMerchant b = TestMerchant.register(gateway, 100_000);

            for (int i = 0; i < 40; i++) {
                assertSigned(a.post(BALANCE, FlatJson.write(MessageSignature.sign(b.keys().getPrivate(), SignType.RSA,
                        balanceFields(a)))), SIGN_ERROR, a);
            }
        }
    }

    private static void assertThrottled(FromAddress.Answer answer, TestMerchant merchant) {
        assertJsonAnswer(answer.reply());
        assertThat(answer.reply().signed()).as("signed: %s", answer.reply().text()).isFalse();
        assertThat(answer.reply().fields()).containsAllEntriesOf(NETWORK_BUSY)
                .containsEntry("oid_partner", merchant.oidPartner());
        assertThat(answer.retryAfter()).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    /** A payout for {@code merchant} signed with {@code signer}'s key, sealed for the gateway as a real one would be. */
    private static String forgedPayout(Gateway gateway, TestMerchant merchant, TestMerchant signer) {
        LinkedHashMap<String, String> forged = MessageSignature.sign(signer.keys().getPrivate(), SignType.RSA,
                Requests.payout(merchant));
        return Requests.sealedText(gateway, merchant, FlatJson.write(forged));
    }

    private static LinkedHashMap<String, String> balanceFields(TestMerchant merchant) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", merchant.oidPartner());
        fields.put("api_version", "1.0");
        return fields;
    }

    private static LinkedHashMap<String, String> queryFields(TestMerchant merchant, String noOrder) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", merchant.oidPartner());
        fields.put("no_order", noOrder);
        fields.put("query_version", "1.0");
        return fields;
    }
}
