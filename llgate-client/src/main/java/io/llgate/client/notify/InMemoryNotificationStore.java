package io.llgate.client.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NotificationStore} in this process's memory: right for tests and for a single process that may
 * process a notification again after a restart. Keeps every key until the process ends.
 */
public final class InMemoryNotificationStore implements NotificationStore {
    private record Entry(boolean done, Instant since) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Claim claim(String key, Instant now, Duration lease) {
        Claim[] answer = new Claim[1];
        entries.compute(key, (k, entry) -> {
            if (entry != null && entry.done()) {
                answer[0] = Claim.DONE;
                return entry;
            }
            if (entry != null && entry.since().plus(lease).isAfter(now)) {
                answer[0] = Claim.BUSY;
                return entry;
            }
            answer[0] = Claim.CLAIMED;
            return new Entry(false, now);
        });
        return answer[0];
    }

    @Override
    public void complete(String key, Instant now) {
        entries.put(key, new Entry(true, now));
    }

    @Override
    public void release(String key) {
        entries.computeIfPresent(key, (k, entry) -> entry.done() ? entry : null);
    }

    /** How many notifications it remembers, processed or claimed. */
    public int size() {
        return entries.size();
    }
}
