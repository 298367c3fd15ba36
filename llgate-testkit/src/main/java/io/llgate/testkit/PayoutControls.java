package io.llgate.testkit;

import java.util.Map;

/**
 * The sandbox's controls for instant payments (payouts), through the gateway's sandbox API. The bank's outcome is
 * chosen by the payee's card number (see the README's test cards); a payout's notification is awaited with
 * {@link Sandbox#awaitNotification(String)}.
 */
public final class PayoutControls {
    private final GatewayApi api;

    PayoutControls(GatewayApi api) {
        this.api = api;
    }

    /**
     * Settles a payout the sandbox bank holds (cards ending {@code 0002}) as paid or failed, as
     * {@code POST /sandbox/payouts/{oid_paybill}/resolve} does; the merchant is then notified. Fails when the bank
     * holds no such payout.
     */
    public void resolve(String oidPaybill, boolean success) {
        api.post("/sandbox/payouts/" + GatewayApi.segment(oidPaybill) + "/resolve",
                Map.of("result", success ? "SUCCESS" : "FAILURE"));
    }
}
