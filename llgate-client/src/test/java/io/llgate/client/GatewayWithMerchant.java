package io.llgate.client;

import io.llgate.server.Gateway;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;

/**
 * An in-process gateway with one merchant and its client, a payer's browser and the sandbox operator: what the
 * online banking tests share.
 */
record GatewayWithMerchant(Gateway gateway, TestMerchant merchant, LlGateClient client, PageClient payer,
                           TestAdmin admin) implements AutoCloseable {

    static GatewayWithMerchant start() {
        Gateway gateway = TestGateways.start();
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        return new GatewayWithMerchant(gateway, merchant, TestClients.of(gateway, merchant), new PageClient(gateway),
                new TestAdmin(gateway));
    }

    @Override
    public void close() {
        client.close();
        gateway.close();
    }
}
