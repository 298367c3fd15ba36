package io.llgate.server.security;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key in Bucket4j token buckets: each failure takes a token, and a key whose bucket is
 * empty is throttled until a token has refilled. Keys without failures cost nothing; a bucket that refilled
 * completely is forgotten, and under a very wide attack (more than {@code MAX_KEYS} keys failing at once)
 * some buckets are dropped, so memory stays bounded.
 */
public final class FailureThrottle {
    private static final int MAX_KEYS = 100_000;

    private final FailureLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public FailureThrottle(FailureLimit limit) {
        this.limit = limit;
    }

    public FailureLimit limit() {
        return limit;
    }

    /** Empty when {@code key} may try; otherwise how long until it may try again. */
    public Optional<Duration> throttled(String key) {
        if (!limit.isOn()) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Counts a failure of {@code key}; true when it took the last token, so the key is throttled from now on. */
    public boolean failed(String key) {
        if (!limit.isOn()) {
            return false;
        }
        if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
            forgetSome();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
                .build());
        return bucket.tryConsume(1) && bucket.getAvailableTokens() == 0;
    }

    /** Forgets the buckets that refilled, and if that is not enough, half of all. */
    private void forgetSome() {
        buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.failures());
        Iterator<Bucket> all = buckets.values().iterator();
        for (int n = buckets.size() - MAX_KEYS / 2; n > 0 && all.hasNext(); n--) {
            all.next();
            all.remove();
        }
    }

    /** The {@code Retry-After} seconds for a wait: whole seconds, rounded up, at least one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + 1);
    }

    /**
     * The key a caller's address is counted under: an IPv4 address as it is, an IPv6 address by its /64,
     * since one subscriber is usually given a whole /64 and could otherwise take a new address per try.
     */
    public static String sourceOf(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        IPAddress address = new IPAddressString(bare).getAddress();
        if (address == null) {
            return ip;
        }
        return address.isIPv6() ? address.toIPv6().toPrefixBlock(64).toCanonicalString()
                : address.toCanonicalString();
    }
}
