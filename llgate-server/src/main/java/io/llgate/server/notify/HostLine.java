package io.llgate.server.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The notifications one node holds for one merchant host: those being sent (at most the host's cap) and those
 * claimed ahead, waiting for a slot. Claiming ahead lets a freed slot take the next notification at once instead of
 * waiting for a database round; how far ahead is bounded so that every waiting notification is sent well within
 * its lease, even if the host stops answering and each attempt runs to the timeout.
 */
final class HostLine {
    private final int slots;
    private final int capacity;
    private final ArrayDeque<NotificationDispatcher.Claimed> waiting = new ArrayDeque<>();
    private int sending;
    /** Whether the host may have more due notifications than the last claim for it took. */
    private boolean maybeMore = true;

    HostLine(int slots, int ahead) {
        this.slots = slots;
        this.capacity = slots + ahead;
    }

    /** How many more this line may claim now. */
    synchronized int room() {
        return Math.max(0, capacity - sending - waiting.size());
    }

    synchronized boolean full() {
        return sending + waiting.size() >= capacity;
    }

    /** Whether a freed slot should ask the database for more: little left waiting and more may be due. */
    synchronized boolean wantsMore() {
        return maybeMore && waiting.size() <= slots;
    }

    synchronized void maybeMore(boolean value) {
        maybeMore = value;
    }

    synchronized void add(NotificationDispatcher.Claimed claimed) {
        waiting.addLast(claimed);
    }

    /**
     * Takes the oldest waiting notification that may go now, if a slot is free: one whose merchant {@code mayStart}
     * (which takes the merchant's slot when it says yes). Notifications whose lease ends before an attempt started now
     * could, at {@code attemptEnd}, are taken out into {@code stale} instead of being sent.
     */
    synchronized NotificationDispatcher.Claimed next(Instant attemptEnd,
                                                     Predicate<NotificationDispatcher.Claimed> mayStart,
                                                     List<NotificationDispatcher.Claimed> stale) {
        if (sending >= slots) {
            return null;
        }
        for (Iterator<NotificationDispatcher.Claimed> it = waiting.iterator(); it.hasNext(); ) {
            NotificationDispatcher.Claimed c = it.next();
            if (!c.sendableBy(attemptEnd)) {
                it.remove();
                stale.add(c);
                continue;
            }
            if (mayStart.test(c)) {
                it.remove();
                sending++;
                return c;
            }
        }
        return null;
    }

    /** An attempt of this line ended. */
    synchronized void ended() {
        sending--;
    }

    synchronized boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** Empties the waiting notifications out, for a node that stops. */
    synchronized List<NotificationDispatcher.Claimed> drain() {
        List<NotificationDispatcher.Claimed> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }
}
