package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.testing.TestMerchant;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Payouts as a merchant applies for them, to cards whose last four digits choose the sandbox bank's answer. */
final class Payouts {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** The apply request and the gateway's oid_paybill. */
    record Applied(LinkedHashMap<String, String> request, String oidPaybill) {
        String noOrder() {
            return request.get("no_order");
        }
    }

    private Payouts() {
    }

    /**
     * A card number ending in {@code lastFour} that no earlier payout used, so the gateway never
     * holds a payout as a suspected duplicate.
     */
    static String card(String lastFour) {
        return "621700" + String.format("%09d", CARDS.incrementAndGet() % 1_000_000_000L) + lastFour;
    }

    /** Applies for a payout of 250.50 to a new card ending in {@code lastFour} and expects it accepted. */
    static Applied pay(TestMerchant merchant, String lastFour, String notifyUrl) {
        LinkedHashMap<String, String> request = merchant.payout(card(lastFour), "250.50", notifyUrl);
        TestMerchant.Reply reply = merchant.sealed("/paymentapi/payment.htm", request);
        assertThat(reply.retCode()).as("apply answered %s", reply.text()).isEqualTo("0000");
        return new Applied(request, reply.get("oid_paybill"));
    }
}
