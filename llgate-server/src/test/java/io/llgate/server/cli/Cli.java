package io.llgate.server.cli;

import io.llgate.server.Gateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import picocli.CommandLine;

/** Runs {@code llgate} commands in-process, as the jar's main method would, with their output captured. */
final class Cli {
    private Cli() {
    }

    /** How a command ended: its exit code and what it wrote to stdout and stderr. */
    record Run(int exitCode, String out, String err) {
        /** True when stderr shows a Java stack trace or exception class, which users must never see. */
        boolean showsStackTrace() {
            return err.contains("\tat ") || err.contains("Exception") || out.contains("\tat ");
        }
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Runs an admin command against the gateway with the sandbox's admin token. */
    static Run admin(Gateway gateway, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--server=" + gateway.baseUri();
        full[args.length + 1] = "--admin-token=" + gateway.settings().adminToken();
        return Cli.run(full);
    }

    /** The URL of a local port nothing listens on. */
    static String deadServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
