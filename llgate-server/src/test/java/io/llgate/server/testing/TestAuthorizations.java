package io.llgate.server.testing;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.preauth.PreAuthProduct;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credit cards' pre-authorizations for tests of what follows them (capture, cancel, query, expiry, races), recorded
 * without a card payment in front; {@code EasypayPreAuthorizationTest} makes them through easypay's apply and verify.
 */
public final class TestAuthorizations {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestAuthorizations() {
    }

    /**
     * An authorization of {@code fen} that the card's issuer approved for the merchant, recorded as card payments
     * record one through the gateway's pre-authorizations port.
     */
    public static PreAuthorization authorize(Gateway gateway, TestMerchant merchant, long fen) {
        long n = SEQUENCE.incrementAndGet();
        return gateway.jdbi().inTransaction(h -> {
            PreAuthorization auth = new PreAuthorization(
                    gateway.merchants().ref(h, gateway.merchants().idOf(h, merchant.oidPartner()).orElseThrow()),
                    "PA" + n, "2026" + String.format("%012d", n % 1_000_000_000_000L), "test-charge:" + n,
                    WireTime.dateTime(gateway.clock().instant()), "user" + n, fen, "109001", "note-" + n, gateway.clock().instant(),
                    "622230******0008");
            gateway.product(PreAuthProduct.class).preAuths().authorized(h, auth);
            return auth;
        });
    }
}
