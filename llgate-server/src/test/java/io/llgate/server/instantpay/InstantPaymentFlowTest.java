package io.llgate.server.instantpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstantPaymentFlowTest {
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
    void payoutIsAcceptedPaidNotifiedQueriedAndDebited() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        String url = receiver.url("/" + merchant.oidPartner());
        LinkedHashMap<String, String> request = merchant.payout("6217000010001235678", "250.50", url);

        Reply apply = merchant.sealed("/paymentapi/payment.htm", request);

        assertThat(apply.retCode()).isEqualTo("0000");
        assertThat(apply.get("ret_msg")).isEqualTo("交易成功");
        assertThat(apply.signatureValid()).isTrue();
        assertThat(apply.get("no_order")).isEqualTo(request.get("no_order"));
        assertThat(apply.get("oid_paybill")).matches("\\d{16}");

        List<NotificationReceiver.Received> got = receiver.await(1).stream()
                .filter(r -> r.path().equals("/" + merchant.oidPartner())).toList();
        assertThat(got).hasSize(1);
        NotificationReceiver.Received n = got.get(0);
        assertThat(n.header("Content-Type")).isEqualTo("text/json;charset=utf-8");
        Map<String, String> fields = FlatJson.parse(n.body());
        assertThat(fields.keySet()).containsExactly("oid_partner", "no_order", "dt_order", "oid_paybill",
                "money_order", "result_pay", "settle_date", "info_order", "sign_type", "sign");
        assertThat(fields).containsEntry("result_pay", "SUCCESS")
                .containsEntry("money_order", "250.50")
                .containsEntry("oid_paybill", apply.get("oid_paybill"))
                .containsEntry("info_order", "供应商结算");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, fields).valid()).isTrue();

        Map<String, String> query = new LinkedHashMap<>();
        query.put("oid_partner", merchant.oidPartner());
        query.put("no_order", request.get("no_order"));
        query.put("query_version", "1.0");
        Reply result = merchant.plain("/paymentapi/queryPayment.htm", query);
        assertThat(result.signatureValid()).isTrue();
        assertThat(result.fields()).containsEntry("result_pay", "SUCCESS")
                .containsEntry("settle_date", fields.get("settle_date"))
                .containsEntry("dt_order", request.get("dt_order"));

        Map<String, String> balance = new LinkedHashMap<>();
        balance.put("oid_partner", merchant.oidPartner());
        balance.put("api_version", "1.0");
        Reply balanceReply = merchant.plain("/traderAcctQuery.htm", balance);
        assertThat(balanceReply.signatureValid()).isTrue();
        assertThat(balanceReply.fields()).containsEntry("amt_balance", "749.50").containsEntry("amt_unsettle", "0.00");
    }
}
