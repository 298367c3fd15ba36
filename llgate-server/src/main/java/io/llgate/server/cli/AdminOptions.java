package io.llgate.server.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every admin command shares: where the gateway is and its admin token. */
public final class AdminOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:LLGATE_SERVER:-http://127.0.0.1:8080}",
            description = "The gateway's base URL. Env LLGATE_SERVER; default http://127.0.0.1:8080.")
    String server;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:LLGATE_ADMIN_TOKEN:-llgate-sandbox}",
            description = "The gateway's admin token. Env LLGATE_ADMIN_TOKEN; default llgate-sandbox, the sandbox's.")
    String adminToken;

    GatewayClient client(CommandSpec spec) {
        return new GatewayClient(GatewayClient.parseServer(spec, server), adminToken);
    }
}
