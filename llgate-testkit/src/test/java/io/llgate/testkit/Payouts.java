package io.llgate.testkit;

import io.llgate.client.PayoutRequest;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** Payout requests to fresh cards, so that none is held as a suspected duplicate unless a test wants it. */
final class Payouts {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private Payouts() {
    }

    static PayoutRequest.Builder to(String lastFour, String notifyUrl) {
        long n = SEQUENCE.incrementAndGet();
        return PayoutRequest.builder()
                .noOrder("KIT" + n)
                .dtOrder(LocalDateTime.now(WireTime.BEIJING))
                .moneyOrder("100.00")
                .cardNo("621700" + String.format("%09d", n % 1_000_000_000L) + lastFour)
                .acctName("李明")
                .infoOrder("测试付款")
                .memo("测试")
                .notifyUrl(notifyUrl);
    }
}
