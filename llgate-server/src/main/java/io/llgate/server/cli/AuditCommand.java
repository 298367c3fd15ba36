package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llgate audit}: the console's audit log, newest first. */
@Command(name = "audit", description = {"Lists the changes made through the console (and its logins and logouts), "
        + "newest first: when, who, what and on what."})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many. Default 100.")
    int limit;

    @Override
    public Integer call() {
        try (GatewayClient client = admin.client(spec)) {
            JsonNode entries = client.adminGet(GatewayClient.withQuery("/admin/audit",
                    Map.of("limit", Integer.toString(limit)))).path("entries");
            PrintWriter out = spec.commandLine().getOut();
            if (entries.isEmpty()) {
                out.println("The console has changed nothing yet.");
                out.flush();
                return 0;
            }
            Table table = new Table("AT", "WHO", "SESSION", "FROM", "ACTION", "TARGET", "DETAIL");
            for (JsonNode e : entries) {
                table.row(text(e, "at"), text(e, "actor"), text(e, "session"), text(e, "source"), text(e, "action"),
                        text(e, "target"), text(e, "detail"));
            }
            table.print(out);
        }
        return 0;
    }
}
