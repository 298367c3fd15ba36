package io.llgate.server.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the private-key work anyone can make the gateway do without a merchant's key: opening a
 * {@code pay_load} and signing the refusal each cost an RSA private-key operation before the gateway knows
 * the request is forged. Each request refused before it authenticated takes a token from its merchant's
 * bucket and from its source address's; while either is empty, that merchant's or that source's requests are
 * answered at once, unsigned and with nothing opened. Requests that authenticate never take a token, and a
 * source that sent a merchant a request with a valid signature in the last 24 hours is never held back for
 * that merchant, so forged requests from elsewhere cannot lock a merchant out of its own gateway.
 */
public final class RefusalThrottle {
    private static final Duration TRUST = Duration.ofHours(24);
    private static final int MAX_TRUSTED = 100_000;

    private final FailureThrottle merchants;
    private final FailureThrottle sources;
    /** Merchant and source pairs that authenticated, with the System.nanoTime() until which they are trusted. */
    private final Map<String, Long> trusted = new ConcurrentHashMap<>();

    public RefusalThrottle(FailureLimit perMerchant, FailureLimit perSource) {
        this.merchants = new FailureThrottle(perMerchant);
        this.sources = new FailureThrottle(perSource);
    }

    private boolean isOn() {
        return merchants.limit().isOn() || sources.limit().isOn();
    }

    /** Empty when a request of this merchant from this address may be worked on; otherwise when to come back. */
    public Optional<Duration> throttled(String oidPartner, String ip) {
        if (!isOn()) {
            return Optional.empty();
        }
        String source = FailureThrottle.sourceOf(ip);
        if (isTrusted(oidPartner, source)) {
            return Optional.empty();
        }
        return sources.throttled(source).or(() -> merchants.throttled(oidPartner));
    }

    /** Counts a request refused before it authenticated; true when this emptied a bucket. */
    public boolean refused(String oidPartner, String ip) {
        if (!isOn()) {
            return false;
        }
        boolean source = sources.failed(FailureThrottle.sourceOf(ip));
        boolean merchant = merchants.failed(oidPartner);
        return source || merchant;
    }

    /** Remembers that this source holds the merchant's key. */
    public void authenticated(String oidPartner, String ip) {
        if (!isOn()) {
            return;
        }
        long now = System.nanoTime();
        if (trusted.size() >= MAX_TRUSTED) {
            trusted.values().removeIf(until -> until - now < 0);
            if (trusted.size() >= MAX_TRUSTED) {
                trusted.clear();
            }
        }
        trusted.put(pair(oidPartner, FailureThrottle.sourceOf(ip)), now + TRUST.toNanos());
    }

    private boolean isTrusted(String oidPartner, String source) {
        Long until = trusted.get(pair(oidPartner, source));
        return until != null && until - System.nanoTime() > 0;
    }

    private static String pair(String oidPartner, String source) {
        return oidPartner + " " + source;
    }
}
