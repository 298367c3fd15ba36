package io.llgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failure counting per key: the bucket empties, refills with time, and IPv6 sources count per /64. */
class FailureThrottleTest {

    @Test
    void aKeyIsThrottledOnceItsFailuresAreUsedAndFreeAgainWhenATokenRefills() {
        FailureThrottle throttle = new FailureThrottle(new FailureLimit(3, Duration.ofMillis(600)));

        assertThat(throttle.failed("a")).isFalse();
        assertThat(throttle.failed("a")).isFalse();
        assertThat(throttle.throttled("a")).isEmpty();
        assertThat(throttle.failed("a")).as("the last token").isTrue();

        assertThat(throttle.throttled("a")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200)));
        assertThat(throttle.throttled("b")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> throttle.throttled("a").isEmpty());
    }

    @Test
    void noLimitNeverThrottles() {
        FailureThrottle throttle = new FailureThrottle(FailureLimit.NONE);

        for (int i = 0; i < 1_000; i++) {
            assertThat(throttle.failed("a")).isFalse();
        }
        assertThat(throttle.throttled("a")).isEmpty();
    }

    @Test
    void ipv6SourcesCountPerSlash64AndIpv4PerAddress() {
        assertThat(FailureThrottle.sourceOf("2001:db8:1:2:aaaa::1"))
                .isEqualTo(FailureThrottle.sourceOf("2001:db8:1:2:bbbb::7"))
                .isEqualTo(FailureThrottle.sourceOf("[2001:db8:1:2::]"))
                .isNotEqualTo(FailureThrottle.sourceOf("2001:db8:1:3::1"));
        assertThat(FailureThrottle.sourceOf("203.0.113.7")).isEqualTo("203.0.113.7")
                .isNotEqualTo(FailureThrottle.sourceOf("203.0.113.8"));
        assertThat(FailureThrottle.sourceOf("0:0:0:0:0:0:0:1")).isEqualTo(FailureThrottle.sourceOf("::1"));
    }
}
