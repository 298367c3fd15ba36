package io.llgate.server.instantpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.bank.Payee;
import io.llgate.server.security.GatewayKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** The payout's result as the query reply and the notification carry it: one mapping for both. */
class PayoutMessagesTest {
    private static final KeyPair KEYS = RsaKeys.generate(1024);
    private final PayoutMessages messages = new PayoutMessages(new GatewayKeys(KEYS.getPrivate(), KEYS.getPublic()));

    @Test
    void aPaidPayoutCarriesItsSettleDateAndTheMerchantsInfoOrder() {
        LinkedHashMap<String, String> result = PayoutMessages.result(order(PayoutStatus.SUCCESS, "货款", "20240612", null));
        assertThat(result).containsExactly(
                entry("no_order", "PO-1"), entry("dt_order", "20240612093015"), entry("oid_paybill", "2024061200000001"),
                entry("money_order", "12.50"), entry("result_pay", "SUCCESS"), entry("settle_date", "20240612"),
                entry("info_order", "货款"));
    }

    @Test
    void aFailedPayoutWithoutInfoOrderCarriesTheReasonItFailed() {
        assertThat(PayoutMessages.result(order(PayoutStatus.FAILURE, null, null, "付款失败")))
                .containsEntry("info_order", "付款失败").doesNotContainKey("settle_date");
        assertThat(PayoutMessages.result(order(PayoutStatus.FAILURE, "货款", null, "付款失败")))
                .containsEntry("info_order", "货款");
    }

    @Test
    void theNotificationIsTheQueryResultAfterOidPartnerSigned() throws Exception {
        InstantPayment failed = order(PayoutStatus.FAILURE, null, null, "付款失败");
        LinkedHashMap<String, String> body = FlatJson.parse(messages.notification("201912300000123456", failed));
        LinkedHashMap<String, String> expected = new LinkedHashMap<>();
        expected.put("oid_partner", "201912300000123456");
        expected.putAll(PayoutMessages.result(failed));
        LinkedHashMap<String, String> unsigned = new LinkedHashMap<>(body);
        unsigned.remove("sign_type");
        unsigned.remove("sign");
        assertThat(unsigned).containsExactlyEntriesOf(expected);
        assertThat(MessageSignature.verify(KEYS.getPublic(), SignType.RSA, body).valid()).isTrue();
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }

    private static InstantPayment order(PayoutStatus status, String infoOrder, String settleDate, String failureReason) {
        return new InstantPayment(1, 2, "PO-1", "2024061200000001", "20240612093015", 1250, "0", Payee.personal(),
                "6222****1111", "sealed", "sealed", infoOrder, "memo", "http://127.0.0.1:9/n", status, null, null, 0,
                null, settleDate, failureReason, Instant.parse("2024-06-12T01:30:15Z"));
    }
}
