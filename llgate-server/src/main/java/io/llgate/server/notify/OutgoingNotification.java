package io.llgate.server.notify;

/**
 * A notification to queue: who gets it, what it is about, and its exact signed body,
 * which every attempt sends byte for byte.
 */
public record OutgoingNotification(
        long merchantId, String product, String reference, String noOrder, String result, String url, String body) {
}
