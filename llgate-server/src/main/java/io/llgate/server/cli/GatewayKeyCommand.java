package io.llgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llgate gateway-key}: the public key merchants use in place of LianLian's. */
@Command(name = "gateway-key",
        description = {"Prints the gateway's public key, which merchants use in place of LianLian's.",
                "Merchants verify replies and notifications with it and encrypt pay_load with it. "
                        + "Prints one line of base64 (X.509) unless --pem is given."})
public final class GatewayKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Option(names = "--pem", description = "Print PEM (-----BEGIN PUBLIC KEY-----) instead of one base64 line.")
    boolean pem;

    @Override
    public Integer call() {
        try (GatewayClient client = admin.client(spec)) {
            JsonNode key = client.adminGet("/admin/gateway-key");
            PrintWriter out = spec.commandLine().getOut();
            out.print(pem ? key.path("pem").asText() : key.path("public_key").asText() + "\n");
            out.flush();
        }
        return 0;
    }
}
