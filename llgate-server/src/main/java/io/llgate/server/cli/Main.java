package io.llgate.server.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code llgate} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        // Replies, names and notifications are Chinese; write UTF-8 whatever the locale says.
        cli.setOut(utf8(System.out));
        cli.setErr(utf8(System.err));
        System.exit(cli.execute(args));
    }

    /**
     * The whole command tree with LLGate's value converters and error handling: a bad option value
     * gives one line and exit code 2, a failure one line and exit code 1, never a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LlgateCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, text -> {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cli.registerConverter(Instant.class, text -> {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not an ISO-8601 instant such as "
                        + "2024-06-12T08:00:00Z or 2024-06-12T16:00:00+08:00");
            }
        });
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::failure);
        return cli;
    }

    /** The version of the running jar, or a marker when running from compiled classes. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + firstLine(e.getMessage()) + " (see '" + name + " --help')");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed) {
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The message, and for an unexpected exception also its kind and its root cause's message. */
    static String describe(Throwable e) {
        if (e instanceof CliException) {
            return e.getMessage();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !text.contains(firstLine(root.getMessage()))) {
            text += " (" + firstLine(root.getMessage()) + ")";
        }
        return text;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }

    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
