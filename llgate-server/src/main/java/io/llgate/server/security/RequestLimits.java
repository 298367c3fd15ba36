package io.llgate.server.security;

import java.time.Duration;

/**
 * How many failed attempts the gateway takes before it stops doing work for them: wrong admin tokens per
 * source address, and merchant requests refused before they authenticated (bad signature, unreadable
 * {@code pay_load}, address not allowed) per merchant and per source address.
 */
public record RequestLimits(FailureLimit adminFailuresPerSource, FailureLimit refusedPerMerchant,
                            FailureLimit refusedPerSource) {
    /** Ten wrong admin tokens, then one more every 30 seconds. */
    public static final FailureLimit ADMIN_FAILURES = new FailureLimit(10, Duration.ofMinutes(5));
    public static final int REFUSED_PER_MERCHANT = 60;
    public static final int REFUSED_PER_SOURCE = 30;
    public static final Duration REFUSAL_PERIOD = Duration.ofMinutes(1);

    /** No limit at all: what the sandbox and tests start with, so a developer's failing signatures stay 1001s. */
    public static RequestLimits none() {
        return new RequestLimits(FailureLimit.NONE, FailureLimit.NONE, FailureLimit.NONE);
    }

    /** What {@code llgate serve --mode production} uses unless told otherwise. */
    public static RequestLimits production() {
        return new RequestLimits(ADMIN_FAILURES, new FailureLimit(REFUSED_PER_MERCHANT, REFUSAL_PERIOD),
                new FailureLimit(REFUSED_PER_SOURCE, REFUSAL_PERIOD));
    }

    public RequestLimits withRefusals(FailureLimit perMerchant, FailureLimit perSource) {
        return new RequestLimits(adminFailuresPerSource, perMerchant, perSource);
    }
}
