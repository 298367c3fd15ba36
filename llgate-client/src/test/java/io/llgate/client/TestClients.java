package io.llgate.client;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestMerchant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** Clients for merchants registered on an in-process gateway, and payout requests for them. */
public final class TestClients {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestClients() {
    }

    /** A client for the merchant, configured as a merchant would: base URL, oid_partner, its key, the gateway's key. */
    public static LlGateClient of(Gateway gateway, TestMerchant merchant) {
        return LlGateClient.builder()
                .baseUri(gateway.baseUri())
                .oidPartner(merchant.oidPartner())
                .merchantPrivateKey(merchant.keys().getPrivate())
                .gatewayPublicKey(gateway.publicKey())
                .build();
    }

    /** A card number ending in {@code lastFour} that no earlier payout used, so none is held as a duplicate. */
    public static String card(String lastFour) {
        return "621700" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L) + lastFour;
    }

    /** A complete payout of 12.34 to a new card ending in {@code lastFour}, with a fresh no_order. */
    public static PayoutRequest.Builder payout(String lastFour, String notifyUrl) {
        return PayoutRequest.builder()
                .noOrder("SDK" + SEQUENCE.incrementAndGet())
                .dtOrder(LocalDateTime.now(WireTime.BEIJING))
                .moneyOrder("12.34")
                .cardNo(card(lastFour))
                .acctName("李明")
                .infoOrder("供应商结算")
                .memo("货款结算")
                .notifyUrl(notifyUrl);
    }
}
