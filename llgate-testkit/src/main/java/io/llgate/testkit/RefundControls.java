package io.llgate.testkit;

import io.llgate.client.RefundState;
import io.llgate.client.notify.RefundNotification;
import java.time.Duration;
import java.util.Map;

/**
 * The sandbox's controls for refunds, through the gateway's sandbox API, and the wait for a refund's notification.
 * The bank's answer is chosen by the amount: fen {@code 91} is refused, fen {@code 92} waits for {@link #resolve}.
 */
public final class RefundControls {
    private final GatewayApi api;
    private final MerchantReceiver receiver;
    private final NotificationLog log;
    private final String oidPartner;

    RefundControls(GatewayApi api, MerchantReceiver receiver, NotificationLog log, String oidPartner) {
        this.api = api;
        this.receiver = receiver;
        this.log = log;
        this.oidPartner = oidPartner;
    }

    /**
     * Answers a refund the sandbox bank holds (amounts ending {@code .92}), by its {@code no_refund} or
     * {@code oid_refundno}: returned to the payer, or refused, as {@code POST /sandbox/refunds/{reference}/resolve}
     * does; the merchant is then notified. Fails when the merchant has no such refund or the bank does not hold it.
     */
    public void resolve(String noRefund, boolean success) {
        api.post("/sandbox/refunds/" + GatewayApi.segment(noRefund) + "/resolve",
                Map.of("result", success ? "SUCCESS" : "FAILURE", "oid_partner", oidPartner));
    }

    /**
     * The first verified notification about the refund with this result that reached the receiver ({@code null}:
     * any), waiting for it if need be. Fails at once when a request about the refund did not verify.
     */
    public RefundNotification awaitNotification(String noRefund, RefundState state) {
        return awaitNotification(noRefund, state, Sandbox.DEFAULT_WAIT);
    }

    /** As {@link #awaitNotification(String, RefundState)}, waiting at most {@code wait}. */
    public RefundNotification awaitNotification(String noRefund, RefundState state, Duration wait) {
        return Waiting.until(wait, () -> receiver.firstVerified(noRefund, RefundNotification.class,
                        n -> state == null || n.staRefund() == state),
                () -> "no notification about refund " + noRefund + (state == null ? "" : " with sta_refund " + state)
                        + " reached the receiver" + log.whatWasSent(noRefund));
    }
}
