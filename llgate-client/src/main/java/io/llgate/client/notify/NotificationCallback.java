package io.llgate.client.notify;

/**
 * The merchant's business effect of a notification: mark the order paid, release the goods. The handler runs
 * it once per notification; throwing makes the handler refuse to acknowledge, so the gateway sends it again.
 */
@FunctionalInterface
public interface NotificationCallback {
    void onNotification(Notification notification) throws Exception;
}
