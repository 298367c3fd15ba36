package io.llgate.testkit;

import io.llgate.client.notify.PaymentNotification;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One synchronous return a payer's browser brought to the sandbox's {@code url_return}, exactly as it arrived.
 *
 * @param body the {@code application/x-www-form-urlencoded} body, percent-encoded in the order's charset; for a
 *             browser GET (the card payment H5 page's {@code res_data}) the query
 * @param payment the return, when it verified with the gateway's key and is for the sandbox's merchant
 * @param charset the charset the body's text is in, when it verified: UTF-8, or GB18030 for GBK, GB2312 and GB18030 pages
 * @param rejection why it did not verify, otherwise
 */
public record ReceivedReturn(Instant receivedAt, String contentType, byte[] body, Optional<PaymentNotification> payment,
                             Optional<Charset> charset, Optional<String> rejection) {

    /** The body as it travelled: ASCII, the form's text percent-encoded. */
    public String text() {
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** The {@code no_order} the return names, verified or not. */
    public Optional<String> noOrder() {
        return payment.map(PaymentNotification::noOrder).or(() -> MerchantReceiver.fieldIn(text(), "no_order"));
    }
}
