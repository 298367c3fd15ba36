package io.llgate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code llgate} command: run the gateway, try it, and manage a running one. */
@Command(name = "llgate",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = LlgateCommand.Version.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {"LLGate: a gateway that speaks the LianLian Pay merchant API.",
                "Run 'llgate COMMAND --help' for a command's options."},
        subcommands = {
                ServeCommand.class,
                DemoCommand.class,
                MerchantCommand.class,
                GatewayKeyCommand.class,
                NotificationsCommand.class,
                TransactionsCommand.class,
                SettlementCommand.class,
                RatesCommand.class,
                ReportCommand.class,
                ReconcileCommand.class,
                AuditCommand.class,
                SandboxCommand.class,
                CommandLine.HelpCommand.class
        })
public final class LlgateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the jar's version and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"llgate " + Main.version(), "Java " + Runtime.version()};
        }
    }
}
