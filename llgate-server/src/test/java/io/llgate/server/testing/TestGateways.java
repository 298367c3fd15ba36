package io.llgate.server.testing;

import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Settings for in-process test gateways: random port, private database, shared keys, a fast notification schedule. */
public final class TestGateways {
    private TestGateways() {
    }

    /**
     * A sandbox with no bank delay, retries 300 ms apart, 3 attempts, 2 s timeout, no demo merchant,
     * and no DNS. Sandbox channels are allowed, so that a test can turn it into a production gateway with
     * {@code withMode}: the sandbox bank is the only bank there is to test against.
     */
    public static GatewaySettings settings() {
        return settings(TestDatabases.fresh());
    }

    public static GatewaySettings settings(DatabaseSettings database) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("llgate-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 3, Duration.ofSeconds(2), 8,
                Duration.ofMillis(100), 64);
        return GatewaySettings.sandbox(dataDir, 0)
                .withDatabase(database)
                .withNotifyPolicy(policy)
                .withBankDelay(Duration.ZERO)
                .withDemoMerchant(false)
                .withImportedGatewayKey(SharedKeys.gateway().getPrivate())
                .withSandboxChannelsAllowed(true)
                // The network is closed: a production-mode test gateway resolves only the names its test fakes.
                .withHostResolver(host -> {
                    throw new UnknownHostException("tests never look up real names: " + host);
                });
    }

    public static Gateway start() {
        return Gateway.start(settings());
    }
}
