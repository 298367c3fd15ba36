package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Confirms a payout the gateway held for review (4002, 4003, 4004), spec 10 §5: the order's {@code no_order},
 * the {@code confirm_code} from the apply reply, and the {@code notify_url} for its result.
 */
public record PayoutConfirmation(String noOrder, String confirmCode, String notifyUrl, String apiVersion) {

    /** Checks the fields as the gateway does. */
    public PayoutConfirmation {
        apiVersion = Check.oneOf("api_version", apiVersion == null ? "1.0" : apiVersion, PayoutRequest.API_VERSIONS);
        Check.text("confirm_code", confirmCode, 6);
        Check.text("no_order", noOrder, 32);
        Check.url("notify_url", notifyUrl, 128);
    }

    /** The confirmation of a held payout, with api_version 1.0. */
    public static PayoutConfirmation of(String noOrder, String confirmCode, String notifyUrl) {
        return new PayoutConfirmation(noOrder, confirmCode, notifyUrl, null);
    }

    /** The confirmation of the payout an apply held, with api_version 1.0. */
    public static PayoutConfirmation of(PayoutApplyResult.NeedsConfirmation held, String notifyUrl) {
        return of(held.noOrder(), held.confirmCode(), notifyUrl);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", apiVersion);
        f.put("confirm_code", confirmCode);
        f.put("no_order", noOrder);
        f.put("notify_url", notifyUrl);
        return f;
    }
}
