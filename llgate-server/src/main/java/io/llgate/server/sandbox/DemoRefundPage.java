package io.llgate.server.sandbox;

import java.util.List;

/**
 * The demo shop's page after a refund apply or query: the call as made and answered, the merchant's balances
 * afterwards, the link that queries the refund again (null when there is no refund to query) and the
 * notifications the shop received about it.
 */
public record DemoRefundPage(String heading, DemoCall call, DemoCall balances, String queryLink,
                             List<ReceivedNotification> notifications) {

    public String staRefundMeaning() {
        return DemoOrder.DemoRefund.meaning(call.succeeded() ? call.get("sta_refund") : null);
    }
}
