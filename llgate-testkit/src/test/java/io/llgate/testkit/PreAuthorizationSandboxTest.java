package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.client.Envelope;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateReturnCodeException;
import io.llgate.client.PreAuthQuery;
import io.llgate.client.PreAuthRequest;
import io.llgate.client.PreAuthState;
import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.WireTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@LlGateSandbox
class PreAuthorizationSandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    PreAuthorizationSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    /** Authorizes 300.00 on the sandbox's ICBC test credit card through easypay's apply and verify; its apply. */
    private Map<String, String> authorize() throws Exception {
        long n = NUMBERS.incrementAndGet();
        String mobile = "139" + String.format("%08d", n % 100_000_000L);
        Map<String, String> apply = new LinkedHashMap<>();
        apply.put("api_version", "1.0");
        apply.put("user_id", "u_" + n);
        apply.put("busi_partner", "109001");
        apply.put("no_order", "PA" + n);
        apply.put("dt_order", WireTime.dateTime(sandbox.now()));
        apply.put("name_goods", "酒店押金");
        apply.put("money_order", "300.00");
        apply.put("notify_url", sandbox.notifyUrl());
        apply.put("pay_type", "F");
        apply.put("risk_item", "{\"frms_ware_category\":\"4007\"}");
        apply.put("card_no", "6222300000000008");
        apply.put("vali_date", "1230");
        apply.put("cvv2", "123");
        apply.put("id_type", "0");
        apply.put("id_no", "11010119900307803X");
        apply.put("acct_name", "王小明");
        apply.put("bind_mob", mobile);
        VerifiedMessage applied = client.call("/easypay.htm", Envelope.PLAIN, apply);
        assertThat(applied.field("ret_code")).contains("0000");
        Map<String, String> verify = new LinkedHashMap<>();
        verify.put("no_order", apply.get("no_order"));
        verify.put("dt_order", apply.get("dt_order"));
        verify.put("money_order", apply.get("money_order"));
        verify.put("token", applied.field("token").orElseThrow());
        verify.put("verify_code", smsCode(mobile));
        assertThat(client.call("/easypayverify.htm", Envelope.PLAIN, verify).field("ret_code")).contains("0000");
        return apply;
    }

    /** The code the sandbox texted to {@code mobile}, from its inbox. */
    private String smsCode(String mobile) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/sms?mobile=" + mobile))
                .header("Authorization", "Bearer " + sandbox.adminToken())
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode inbox = new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return inbox.findValue("code").asText();
        }
    }

    @Test
    void anAuthorizationNeverCapturedExpiresOnceTheClockPassesItsHold() throws Exception {
        Map<String, String> apply = authorize();
        PreAuthQuery query = PreAuthQuery.byNoOrder(apply.get("no_order"), apply.get("dt_order"));
        assertThat(client.preAuthorizations().query(query).state()).isEqualTo(PreAuthState.AUTHORIZED);

        sandbox.advancePastPreAuthorizationHold();

        assertThat(client.preAuthorizations().query(query).state()).isEqualTo(PreAuthState.EXPIRED);
        PreAuthRequest capture = PreAuthRequest.builder().userId(apply.get("user_id")).noOrder(apply.get("no_order"))
                .dtOrder(apply.get("dt_order")).moneyOrder("300.00").build();
        assertThatThrownBy(() -> client.preAuthorizations().capture(capture))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("2006"));
    }

    @Test
    void anAuthorizationIsCapturedThroughTheSdk() throws Exception {
        Map<String, String> apply = authorize();
        var captured = client.preAuthorizations().capture(PreAuthRequest.builder().userId(apply.get("user_id"))
                .noOrder(apply.get("no_order")).dtOrder(apply.get("dt_order")).moneyOrder("120.00").build());
        assertThat(captured.state()).isEqualTo(PreAuthState.CAPTURED);
        assertThat(captured.moneyOrderFen()).isEqualTo(120_00);
    }
}
