package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.bank.VerificationSms;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's SMS gateway keeps each mobile's latest verification codes where a developer can read them. */
class SandboxSmsTest {

    @Test
    void theInboxKeepsEachMobilesLatestMessagesNewestFirst() {
        SandboxSms sms = new SandboxSms(Clock.fixed(Instant.parse("2024-06-12T02:00:00Z"), ZoneOffset.UTC), true);
        for (int i = 0; i < SandboxSms.KEPT_PER_MOBILE + 3; i++) {
            sms.sendCode(new VerificationSms("13800001111", String.format("%06d", i), "201912300000123456", "羽毛球店",
                    "2024061200000" + i));
        }
        sms.sendCode(new VerificationSms("13900002222", "424242", "201912300000123456", "羽毛球店", "2024061200009999"));

        List<SmsMessage> inbox = sms.inbox("13800001111");
        assertThat(inbox).hasSize(SandboxSms.KEPT_PER_MOBILE);
        assertThat(inbox.get(0).code()).isEqualTo(String.format("%06d", SandboxSms.KEPT_PER_MOBILE + 2));
        assertThat(inbox.get(0).text()).contains(inbox.get(0).code()).contains("羽毛球店");
        assertThat(sms.inbox("13900002222")).extracting(SmsMessage::code).containsExactly("424242");
        assertThat(sms.inbox("13700000000")).isEmpty();
    }

    @Test
    void aPaymentsPhonePageShowsTheTextsSentForItAndOnlyWhereThePagesAreRouted() {
        Clock clock = Clock.fixed(Instant.parse("2024-06-12T02:00:00Z"), ZoneOffset.UTC);
        SandboxSms sandbox = new SandboxSms(clock, true);
        SandboxSms production = new SandboxSms(clock, false);
        for (SandboxSms sms : List.of(sandbox, production)) {
            sms.sendCode(new VerificationSms("13800001111", "111111", "201912300000123456", "羽毛球店", "T1"));
            sms.sendCode(new VerificationSms("13800001111", "222222", "201912300000123456", "羽毛球店", "T2"));
            sms.sendCode(new VerificationSms("13900002222", "333333", "201912300000123456", "羽毛球店", "T3"));
        }

        String first = sandbox.phonePage("201912300000123456", "T1").orElseThrow();
        sandbox.sendCode(new VerificationSms("13800001111", "444444", "201912300000123456", "羽毛球店", "T1"));
        assertThat(sandbox.phonePage("201912300000123456", "T1")).contains(first);
        String second = sandbox.phonePage("201912300000123456", "T2").orElseThrow();
        String other = sandbox.phonePage("201912300000123456", "T3").orElseThrow();
        assertThat(List.of(first, second, other)).doesNotHaveDuplicates();
        // A page shows its own payment's texts only: typing another's mobile shows none of that mobile's other codes.
        assertThat(sandbox.phone(first.substring("/phone/".length())).orElseThrow()).extracting(SmsMessage::code)
                .containsExactly("444444", "111111");
        assertThat(sandbox.phone(second.substring("/phone/".length())).orElseThrow()).extracting(SmsMessage::code)
                .containsExactly("222222");
        assertThat(sandbox.phone(other.substring("/phone/".length())).orElseThrow()).extracting(SmsMessage::code)
                .containsExactly("333333");
        assertThat(sandbox.phonePage("201912300000654321", "T1")).isEmpty();
        assertThat(sandbox.phone("13800001111")).isEmpty();
        assertThat(production.phonePage("201912300000123456", "T1")).isEmpty();
    }

    @Test
    void theSandboxRouteShowsAMobilesCodesToTheOperator() {
        try (Gateway gateway = TestGateways.start()) {
            gateway.sms().sendCode(new VerificationSms("13800001111", "123456", "201912300000123456", "羽毛球店",
                    "2024061200000001"));
            gateway.sms().sendCode(new VerificationSms("13800001111", "654321", "201912300000123456", "羽毛球店",
                    "2024061200000002"));
            TestAdmin admin = new TestAdmin(gateway);

            TestAdmin.Response inbox = admin.get("/sandbox/sms?mobile=13800001111");

            assertThat(inbox.status()).isEqualTo(200);
            assertThat(inbox.json().get("mobile").asText()).isEqualTo("13800001111");
            JsonNode latest = inbox.json().get("messages").get(0);
            assertThat(latest.get("code").asText()).isEqualTo("654321");
            assertThat(latest.get("oid_partner").asText()).isEqualTo("201912300000123456");
            assertThat(latest.get("transaction").asText()).isEqualTo("2024061200000002");
            assertThat(inbox.json().get("messages")).hasSize(2);
            assertThat(admin.get("/sandbox/sms?mobile=13700000000").json().get("messages")).isEmpty();
            assertThat(admin.get("/sandbox/sms").status()).isEqualTo(400);
        }
    }

    @Test
    void theInboxNeedsTheAdminTokenAndIsNotInProduction() throws Exception {
        try (Gateway gateway = TestGateways.start(); HttpClient http = HttpClient.newHttpClient()) {
            gateway.sms().sendCode(new VerificationSms("13800001111", "123456", "201912300000123456", "羽毛球店",
                    "2024061200000001"));
            HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(
                    gateway.baseUri().resolve("/sandbox/sms?mobile=13800001111")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isEqualTo(401);
            assertThat(stranger.body()).doesNotContain("123456");
        }
        try (Gateway production = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "a-token"))) {
            assertThat(new TestAdmin(production).get("/sandbox/sms?mobile=13800001111").status()).isEqualTo(404);
        }
    }
}
