package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The sandbox's controls for card payments: the SMS codes texted to a mobile (the sandbox texts nobody; it keeps an
 * inbox), and the issuer's late answer to a charge it left pending (test cards ending {@code 9000}). Test cards are
 * {@link TestCard}.
 */
public final class CardControls {
    private final GatewayApi api;

    CardControls(GatewayApi api) {
        this.api = api;
    }

    /** The latest code texted to {@code mobile}, through {@code GET /sandbox/sms}; fails when none was. */
    public String latestSmsCode(String mobile) {
        JsonNode messages = api.get("/sandbox/sms?mobile=" + GatewayApi.segment(mobile)).get("messages");
        if (messages == null || messages.isEmpty()) {
            throw new AssertionError("no SMS was texted to " + mobile);
        }
        return messages.get(0).get("code").asText();
    }

    /**
     * The issuer answers the pending charge of the payment {@code oidPaybill}: paid (bound, notified) or declined,
     * through {@code POST /sandbox/card-charges/{oid_paybill}/resolve}. Throws IllegalStateException when no charge of it is pending.
     */
    public void resolveCharge(String oidPaybill, boolean paid) {
        api.post("/sandbox/card-charges/" + GatewayApi.segment(oidPaybill) + "/resolve",
                Map.of("result", paid ? "SUCCESS" : "FAILURE"));
    }
}
