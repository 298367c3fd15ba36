package io.llgate.server.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.security.CardVault;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SMS codes on the gateway's database (H2, and PostgreSQL when the suite runs there) and its sandbox inbox. */
class SmsCodesTest {
    private static Gateway gateway;
    private static SmsCodes codes;
    private static long merchantId;
    private static long otherMerchantId;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        codes = new SmsCodes(new CardVault(new byte[32]), gateway.sms(), gateway.clock());
        merchantId = idOf(TestMerchant.register(gateway, 0));
        otherMerchantId = idOf(TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theCodeTextedToTheMobileIsAcceptedOnce() {
        String mobile = "13900001001";
        String token = send(mobile, "order-1");
        assertThat(token).matches("[0-9A-F]{32}");
        String code = latestCode(mobile);
        assertThat(code).matches("[0-9]{6}");
        assertThat(check(merchantId, token, code).subjectOrThrow()).isEqualTo("order-1");
        assertThat(check(merchantId, token, code).refusal()).isEqualTo(RetCode.TOKEN_INVALID);
    }

    @Test
    void aWrongCodeIs1900AndTheFifthLocksTheTokenUntilAResend() {
        String mobile = "13900001002";
        String token = send(mobile, "order-2");
        String code = latestCode(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i < SmsCodes.MAX_TRIES; i++) {
            assertThat(check(merchantId, token, wrong).refusal()).isEqualTo(RetCode.SMS_CODE_CHECK_FAILED);
        }
        assertThat(check(merchantId, token, wrong).refusal()).isEqualTo(RetCode.SMS_VERIFICATION_CODE_TOO_MANY);
        assertThat(check(merchantId, token, code).refusal()).isEqualTo(RetCode.SMS_VERIFICATION_CODE_TOO_MANY);
        gateway.jdbi().useTransaction(h -> codes.resend(h, merchantId, "test", token));
        String fresh = latestCode(mobile);
        assertThat(check(merchantId, token, fresh).accepted()).isTrue();
    }

    @Test
    void aResendVoidsTheOldCode() {
        String mobile = "13900001003";
        String token = send(mobile, "order-3");
        String old = latestCode(mobile);
        String fresh;
        do {
            gateway.jdbi().useTransaction(h -> codes.resend(h, merchantId, "test", token));
            fresh = latestCode(mobile);
        } while (fresh.equals(old));
        assertThat(check(merchantId, token, old).refusal()).isEqualTo(RetCode.SMS_CODE_CHECK_FAILED);
        assertThat(check(merchantId, token, fresh).accepted()).isTrue();
    }

    @Test
    void aCodeExpiresAfterThirtyMinutes() {
        String mobile = "13900001004";
        String token = send(mobile, "order-4");
        String code = latestCode(mobile);
        gateway.advanceClock(SmsCodes.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(check(merchantId, token, code).refusal()).isEqualTo(RetCode.SMS_CODE_EXPIRED);
    }

    @Test
    void anotherMerchantsOrAnUnknownTokenIs1000() {
        String mobile = "13900001005";
        String token = send(mobile, "order-5");
        String code = latestCode(mobile);
        assertThat(check(otherMerchantId, token, code).refusal()).isEqualTo(RetCode.TOKEN_INVALID);
        assertThat(check(merchantId, "0".repeat(32), code).refusal()).isEqualTo(RetCode.TOKEN_INVALID);
        assertThatThrownBy(() -> gateway.jdbi().useTransaction(h -> codes.resend(h, otherMerchantId, "test", token)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(RetCode.TOKEN_INVALID));
        assertThat(check(merchantId, token, code).accepted()).isTrue();
    }

    @Test
    void ofConcurrentChecksOfOneTokenOneIsAccepted() throws Exception {
        String mobile = "13900001006";
        String token = send(mobile, "order-6");
        String code = latestCode(mobile);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SmsCodes.CodeCheck>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checks.add(pool.submit((Callable<SmsCodes.CodeCheck>) () -> check(merchantId, token, code)));
            }
            int accepted = 0;
            for (Future<SmsCodes.CodeCheck> check : checks) {
                SmsCodes.CodeCheck result = check.get();
                if (result.accepted()) {
                    accepted++;
                } else {
                    assertThat(result.refusal()).isEqualTo(RetCode.TOKEN_INVALID);
                }
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCodeIsNotStoredInClear() {
        String mobile = "13900001007";
        String token = send(mobile, "order-7");
        String code = latestCode(mobile);
        String row = gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT code_hash || '|' || mobile_sealed FROM card_sms_code WHERE token = :t").bind("t", token)
                .mapTo(String.class).one());
        assertThat(row).doesNotContain(code).doesNotContain(mobile);
    }

    private static String send(String mobile, String subject) {
        return gateway.jdbi().inTransaction(h -> codes.send(h, new SmsCodes.CodeRequest(merchantId, "201900000000000001",
                "test merchant", "test", subject, mobile, "2026120500000001")));
    }

    private static SmsCodes.CodeCheck check(long merchant, String token, String code) {
        return gateway.jdbi().inTransaction(h -> codes.check(h, merchant, "test", token, code));
    }

    private static String latestCode(String mobile) {
        return ((SandboxSms) gateway.sms()).inbox(mobile).get(0).code();
    }

    private static long idOf(TestMerchant merchant) {
        return gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
    }
}
