package io.llgate.testkit;

import io.llgate.client.LlGateClient;
import org.junit.jupiter.api.Test;

/** One of two test classes that run at the same time, each against its own sandbox; see {@link ParallelClasses}. */
@LlGateSandbox(balance = "1000.00")
class ParallelIsolationBTest {

    @Test
    void seesOnlyItsOwnSandbox(Sandbox sandbox, LlGateClient client) throws Exception {
        ParallelClasses.payOutMeetTheOtherAndCheck("B", sandbox, client, "250.00");
    }
}
