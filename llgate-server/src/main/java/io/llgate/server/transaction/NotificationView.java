package io.llgate.server.transaction;

import io.llgate.server.notify.Notifications;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A notification as the transaction page shows it: the exact (masked) body, every attempt with the headers it sent,
 * and a curl command that replays the next delivery byte for byte.
 */
public record NotificationView(Notifications.Detail detail, List<AttemptView> attempts, String curl) {

    /** One attempt and the headers it sent with the body. */
    public record AttemptView(Notifications.Attempt attempt, String headers) {
    }

    static NotificationView of(Notifications.Detail detail) {
        long id = detail.notification().id();
        List<AttemptView> attempts = detail.attempts().stream()
                .map(a -> new AttemptView(a, lines(Notifications.headersOf(id, a.attemptNo()))))
                .toList();
        return new NotificationView(detail, attempts, curl(detail.notification().url(),
                Notifications.headersOf(id, detail.notification().attempts() + 1), detail.body()));
    }

    /** A POSIX shell command; every value single-quoted. */
    static String curl(String url, Map<String, String> headers, String body) {
        StringBuilder command = new StringBuilder("curl -sS -X POST ").append(quoted(url));
        headers.forEach((name, value) -> command.append(" \\\n  -H ").append(quoted(name + ": " + value)));
        return command.append(" \\\n  --data-binary ").append(quoted(body)).toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String lines(Map<String, String> headers) {
        return headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n"));
    }
}
