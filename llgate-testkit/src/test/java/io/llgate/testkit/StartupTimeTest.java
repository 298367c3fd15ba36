package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Starts sandboxes one after another and prints how long each took: the figure the testkit promises is the
 * start after the first in a JVM. Printed, never asserted; what is asserted is that each one is its own.
 */
class StartupTimeTest {

    @Test
    void eachStartIsANewGatewayAndMerchant() {
        List<Duration> times = new ArrayList<>();
        Set<String> gateways = new HashSet<>();
        Set<String> merchants = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            try (Sandbox sandbox = Sandbox.start()) {
                times.add(sandbox.startupTime());
                gateways.add(sandbox.baseUri().toString());
                merchants.add(sandbox.oidPartner());
                assertThat(sandbox.client().balance().amtBalance()).isEqualTo("1000000.00");
            }
        }

        System.out.println("sandbox start times (ms), in order: "
                + times.stream().map(Duration::toMillis).toList());
        assertThat(gateways).hasSize(6);
        assertThat(merchants).hasSize(6);
    }
}
