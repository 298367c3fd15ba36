package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.PayeeKind;
import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client refuses before sending exactly what the gateway refuses with 1004, naming the same field,
 * and lets through what the gateway accepts: each case goes to both.
 */
class FieldRulesAgreementTest {
    static Gateway gateway;
    static LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        client = TestClients.of(gateway, TestMerchant.register(gateway, 100_000_000));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "api_version|2.0",
        "money_order|0",
        "money_order|1.234",
        "money_order|-1",
        "money_order|100000000.01",
        "no_order|''",
        "no_order|'   '",
        "no_order|A23456789012345678901234567890123",
        "dt_order|20240230120000",
        "dt_order|2024061209301",
        "card_no|12345",
        "card_no|6217abc0001234",
        "acct_name|' '",
        "acct_name|@101",
        "info_order|@256",
        "memo|abcdefghijklmnopqrstuvwxy",
        "memo|''",
        "notify_url|ftp://shop.example.com/notify",
        "notify_url|notify",
        "notify_url|@129",
        "notify_url|https://shop.example.com:99999/notify",
        "notify_url|https://shop.example.com:0/notify",
        "no_order|PO\u0000X",
        "no_order|PO\u0009X",
        "acct_name|李\u001b明",
        "info_order|备注\u0000X",
        "bank_code|123",
        "flag_card|3",
        "prcptcd|30833109990",
        "prcptcd|ABCDEFGHIJKL",
        "city_code|33010",
        "brabank_name|@101",
    })
    void bothRefuseTheSameField(String field, String value) {
        Map<String, String> fields = valid();
        fields.put(field, TestClients.expand(value, field));
        if (CORPORATE_FIELDS.contains(field)) {
            corporate(fields);
        }

        assertThatThrownBy(() -> build(fields))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
        VerifiedMessage reply = client.call(InstantPayments.APPLY, Envelope.PAY_LOAD, fields);
        assertThat(reply.field("ret_code")).contains("1004");
        assertThat(RetCode.fieldIn(reply.field("ret_msg").orElseThrow())).contains(field);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "api_version|1.1",
        "money_order|0.01",
        "money_order|7.5",
        "no_order|@32",
        "acct_name|@100",
        "info_order|@255",
        "memo|代付-Pay_01 #测试!(a).abcdefghijk",
        "notify_url|@128",
        "prcptcd|308331099901",
        "city_code|330100",
        "brabank_name|@100",
        "notify_url|http://127.0.0.1:65535/notify",
        "no_order|\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80\uD83D\uDE00\uD83D\uDE80",
    })
    void bothAcceptTheLimits(String field, String value) {
        Map<String, String> fields = valid();
        fields.put(field, TestClients.expand(value, field));
        if (CORPORATE_FIELDS.contains(field)) {
            corporate(fields);
        }

        PayoutRequest request = build(fields);

        assertThat(client.instantPayments().apply(request)).isInstanceOf(PayoutApplyResult.Accepted.class);
    }

    /** The fields only a corporate account carries; their cases are corporate payouts. */
    private static final java.util.Set<String> CORPORATE_FIELDS =
            java.util.Set.of("bank_code", "prcptcd", "city_code", "brabank_name");

    private static void corporate(Map<String, String> fields) {
        fields.put("flag_card", "1");
        fields.putIfAbsent("bank_code", "03080000");
    }

    /** A valid apply; every call gets a fresh no_order and card so none is refused as a duplicate. */
    private static Map<String, String> valid() {
        return new HashMap<>(TestClients.payout("5678", "http://127.0.0.1:9/notify").build().fields());
    }

    private static PayoutRequest build(Map<String, String> f) {
        // What the gateway makes of flag_card, through the same protocol rule; anything else is refused.
        PayeeKind kind = PayeeKind.ofFlagCard(f.get("flag_card"))
                .orElseThrow(() -> new InvalidFieldException("flag_card", "must be 0, 1 or 2"));
        return new PayoutRequest(f.get("no_order"), f.get("dt_order"), f.get("money_order"), kind, f.get("card_no"),
                f.get("acct_name"), f.get("bank_code"), f.get("prcptcd"), f.get("city_code"), f.get("brabank_name"),
                f.get("info_order"), f.get("memo"), f.get("notify_url"), f.get("api_version"));
    }
}
