package io.llgate.server.cardbind;

import static io.llgate.server.cardbind.Binder.DEBIT;
import static io.llgate.server.cardbind.Binder.applyFields;
import static io.llgate.server.cardbind.Binder.freshMobile;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Card binding under concurrency and time, on its own gateway since it moves the clock: verifies of one token racing
 * make one binding, unbinds racing end it once, and codes expire.
 */
class CardBindRaceTest {
    static Gateway gateway;
    static Binder binder;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        binder = new Binder(gateway, TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static List<Reply> together(int copies, Supplier<Reply> call) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Reply>> calls = IntStream.range(0, copies)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.get();
                }))
                .toList();
        start.countDown();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    @RepeatedTest(3)
    void verifiesOfOneTokenRacingMakeOneBinding() {
        String user = "race" + System.nanoTime();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        String code = binder.code(mobile);

        List<Reply> replies = together(4, () -> binder.verify(user, token, code));

        assertThat(replies).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        assertThat(replies).extracting(Reply::retCode).containsOnly("0000", "1000").containsOnlyOnce("0000");
        assertThat(binder.list(user).get("count")).isEqualTo("1");
    }

    @RepeatedTest(3)
    void unbindsOfOneBindingRacingEndItOnce() {
        String user = "race" + System.nanoTime();
        String noAgree = binder.bind(user, DEBIT);

        List<Reply> replies = together(4, () -> binder.unbind(user, noAgree));

        assertThat(replies).extracting(Reply::retCode).containsOnlyOnce("0000")
                .allMatch(code -> code.equals("0000") || code.equals("3003") || code.equals("3011"));
        assertThat(binder.list(user).retCode()).isEqualTo("8901");
    }

    @Test
    void aCodeExpiresAfter30MinutesAndItsApplyIsDeletedADayLater() {
        String user = "late" + System.nanoTime();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        String code = binder.code(mobile);
        TestAdmin admin = new TestAdmin(gateway);

        assertThat(admin.post("/sandbox/clock/advance", "{\"by\":\"PT30M1S\"}").status()).isEqualTo(200);
        assertThat(binder.verify(user, token, code).retCode()).isEqualTo("1901");

        assertThat(admin.post("/sandbox/clock/advance", "{\"by\":\"PT24H\"}").status()).isEqualTo(200);
        assertThat(binder.verify(user, token, code).retCode()).isEqualTo("1000");
        assertThat(binder.list(user).retCode()).isEqualTo("8901");
    }
}
