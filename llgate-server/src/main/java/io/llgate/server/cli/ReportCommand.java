package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate report}: (re)generate transaction report files; list and download them. */
@Command(name = "report",
        description = {
                "Generates the transaction report files of a business day (JYMX_ and JYMXSUM_, and FKMX_ for a "
                        + "merchant on the csv layout) or a month (JYMX_, FKMX_), "
                        + "for one merchant or all, and prints what it wrote. The gateway publishes them by itself at "
                        + "the report time; this makes them again.",
                "A published file never changes silently: when the new content differs, the command shows the "
                        + "difference, changes nothing and exits 1, unless --replace publishes it as a new revision "
                        + "(the old one is kept).",
                "Subcommands list and download the files."},
        subcommands = {ReportCommand.ListFiles.class, ReportCommand.Download.class})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Period period;

    /** The business day or the month. */
    static final class Period {
        @Option(names = "--date", paramLabel = "YYYYMMDD", description = "The business day (settle_date).")
        String date;

        @Option(names = "--month", paramLabel = "YYYYMM", description = "The month, for the monthly file.")
        String month;
    }

    @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's (oid_partner) files.")
    String merchant;

    @Option(names = "--replace", description = "Publish new content even where it differs from the published file.")
    boolean replace;

    @Override
    public Integer call() {
        if (period == null) {
            throw new ParameterException(spec.commandLine(), "give --date YYYYMMDD or --month YYYYMM (or a subcommand)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (period.date != null) {
            body.put("date", BusinessDayOptions.day(spec, "--date", period.date));
        } else {
            body.put("month", BusinessDayOptions.month(spec, "--month", period.month));
        }
        body.put("merchant", merchant);
        body.put("replace", replace);
        try (GatewayClient client = admin.client(spec)) {
            JsonNode answer = client.adminPost("/admin/reports/generate", body);
            PrintWriter out = spec.commandLine().getOut();
            JsonNode files = answer.path("files");
            if (files.isEmpty()) {
                out.println("No merchant existed then: no files.");
                out.flush();
                return 0;
            }
            Table table = new Table("FILE", "OUTCOME", "REVISION", "BYTES", "SHA256");
            for (JsonNode f : files) {
                table.row(text(f, "name"), text(f, "outcome"), text(f, "revision"), text(f, "size"), text(f, "sha256"));
            }
            table.print(out);
            for (JsonNode f : files) {
                if (f.path("difference").isEmpty()) {
                    continue;
                }
                out.println();
                out.println(text(f, "name") + ("REFUSED".equals(text(f, "outcome"))
                        ? " differs from the published revision " + text(f, "revision") + ":"
                        : " replaced; the previous revision differed:"));
                f.path("difference").forEach(line -> out.println("  " + line.asText()));
            }
            out.flush();
            long refused = answer.path("refused").asLong();
            if (refused > 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(spec.qualifiedName() + ": " + refused + " published file" + (refused == 1 ? "" : "s")
                        + " would change; nothing was written for " + (refused == 1 ? "it" : "them")
                        + ". Run again with --replace to publish the new content as a new revision.");
                err.flush();
                return 1;
            }
        }
        return 0;
    }

    /** {@code llgate report list}: the published files. */
    @Command(name = "list", description = "Lists published report files, newest period first.")
    static final class ListFiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's (oid_partner).")
        String merchant;

        @Option(names = "--date", paramLabel = "YYYYMMDD", description = "Only this business day's.")
        String date;

        @Option(names = "--month", paramLabel = "YYYYMM", description = "Only this month's: its days and the monthly file.")
        String month;

        @Option(names = "--all-revisions", description = "Also the revisions that were replaced.")
        boolean allRevisions;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("merchant", merchant);
            query.put("date", date == null ? null : BusinessDayOptions.day(spec, "--date", date));
            query.put("month", month == null ? null : BusinessDayOptions.month(spec, "--month", month));
            query.put("all_revisions", allRevisions ? "true" : null);
            try (GatewayClient client = admin.client(spec)) {
                JsonNode list = client.adminGet(GatewayClient.withQuery("/admin/reports", query)).path("files");
                PrintWriter out = spec.commandLine().getOut();
                if (list.isEmpty()) {
                    out.println("No report files match.");
                    out.flush();
                    return 0;
                }
                Table table = new Table("FILE", "REVISION", "BYTES", "SHA256", "CREATED", "REPLACED");
                for (JsonNode f : list) {
                    table.row(text(f, "name"), text(f, "revision"), text(f, "size"), text(f, "sha256"),
                            text(f, "created_at"), text(f, "replaced_at"));
                }
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code llgate report download}: one file's exact bytes. */
    @Command(name = "download", description = "Writes a published report file, byte for byte, to standard output "
            + "or to --output.")
    static final class Download implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "NAME", description = "The file's name, such as JYMX_201800000000000001_20240612.txt.")
        String name;

        @Option(names = "--revision", paramLabel = "N", description = "This revision instead of the one served.")
        Integer revision;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file.")
        Path output;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("revision", revision == null ? null : revision.toString());
            try (GatewayClient client = admin.client(spec)) {
                HttpResponse<byte[]> file = client.adminGetBytes(
                        GatewayClient.withQuery("/admin/reports/" + GatewayClient.segment(name), query));
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(new String(file.body(), StandardCharsets.UTF_8));
                    out.flush();
                    return 0;
                }
                try {
                    Files.write(output, file.body());
                } catch (IOException e) {
                    throw new CliException("cannot write " + output + ": " + e.getMessage());
                }
                spec.commandLine().getErr().println("Wrote " + output + " (" + file.body().length + " bytes, sha256 "
                        + file.headers().firstValue("X-LLGate-SHA256").orElse("-") + ").");
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }
}
