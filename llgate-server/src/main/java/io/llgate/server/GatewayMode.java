package io.llgate.server;

/** How the gateway runs: a sandbox with test controls and diagnostics, or production. */
public enum GatewayMode {
    SANDBOX,
    PRODUCTION;

    public boolean isSandbox() {
        return this == SANDBOX;
    }
}
