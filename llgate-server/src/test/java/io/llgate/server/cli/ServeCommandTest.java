package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.security.FailureLimit;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.sandbox.DemoMerchant;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void helpDocumentsEveryOptionWithItsEnvironmentVariable() {
        Cli.Run help = Cli.run("serve", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--port", "LLGATE_PORT", "--host", "LLGATE_HOST", "--data-dir", "LLGATE_DATA_DIR",
                "--db-url", "LLGATE_DB_URL", "--db-user", "LLGATE_DB_USER", "--db-password", "LLGATE_DB_PASSWORD",
                "--mode", "LLGATE_MODE", "--admin-token", "LLGATE_ADMIN_TOKEN", "--notify-interval",
                "LLGATE_NOTIFY_INTERVAL", "--notify-attempts", "LLGATE_NOTIFY_ATTEMPTS", "--notify-timeout",
                "LLGATE_NOTIFY_TIMEOUT", "--bank-delay", "LLGATE_BANK_DELAY", "--gateway-key", "LLGATE_GATEWAY_KEY",
                "--no-demo-merchant", "LLGATE_NO_DEMO_MERCHANT", "--notify-per-host", "LLGATE_NOTIFY_PER_HOST",
                "--notify-per-merchant", "LLGATE_NOTIFY_PER_MERCHANT", "--refused-per-merchant",
                "LLGATE_REFUSED_PER_MERCHANT", "--refused-per-source", "LLGATE_REFUSED_PER_SOURCE", "--refusal-period",
                "LLGATE_REFUSAL_PERIOD");
    }

    @Test
    void versionNamesTheCommand() {
        Cli.Run version = Cli.run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("llgate ");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("--port", "abc"), "--port"),
                Arguments.of(List.of("--port", "70000"), "--port"),
                Arguments.of(List.of("--notify-interval", "soon"), "--notify-interval"),
                Arguments.of(List.of("--notify-timeout", "0"), "--notify-timeout"),
                Arguments.of(List.of("--notify-attempts", "0"), "--notify-attempts"),
                Arguments.of(List.of("--bank-delay", "-1s"), "--bank-delay"),
                Arguments.of(List.of("--mode", "staging"), "--mode"),
                Arguments.of(List.of("--mode", "production"), "admin token"),
                Arguments.of(List.of("--mode", "production", "--admin-token", "llgate-sandbox"), "admin token"),
                Arguments.of(List.of("--mode", "production", "--admin-token", "x"), "at least 32 characters"),
                Arguments.of(List.of("--mode", "production", "--admin-token", "a".repeat(31)), "at least 32 characters"),
                Arguments.of(List.of("--notify-per-host", "0"), "--notify-per-host"),
                Arguments.of(List.of("--notify-per-merchant", "0"), "--notify-per-merchant"),
                Arguments.of(List.of("--refused-per-merchant", "-1"), "--refused-per-merchant"),
                Arguments.of(List.of("--refused-per-source", "-1"), "--refused-per-source"),
                Arguments.of(List.of("--refusal-period", "0"), "--refusal-period"),
                Arguments.of(List.of("--gateway-key", "no-such-key.pem"), "--gateway-key"),
                Arguments.of(List.of("--unknown"), "--unknown"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValuesExit2WithOneLineAndNoStackTrace(List<String> options, String named) {
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
        args.addAll(options);

        Cli.Run serve = Cli.run(args.toArray(String[]::new));

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err().strip().lines()).singleElement().asString().startsWith("llgate serve: ").contains(named);
        assertThat(serve.showsStackTrace()).isFalse();
        assertThat(serve.out()).isEmpty();
    }

    @Test
    void startsAGatewayFromTheOptionsAndPrintsWhereEverythingIs() throws Exception {
        KeyPair imported = RsaKeys.generate(1024);
        Path keyFile = dataDir.resolve("gateway-private.pem");
        Files.writeString(keyFile, RsaKeys.pem(imported.getPrivate()));
        DatabaseSettings database = TestDatabases.fresh();
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--db-url", database.url(), "--db-user", database.user(), "--notify-interval", "1s",
                "--notify-attempts", "7", "--notify-timeout", "PT3S", "--bank-delay", "0", "--mode", "SANDBOX",
                "--gateway-key", keyFile.toString()));
        if (!database.password().isEmpty()) {
            args.addAll(List.of("--db-password", database.password()));
        }
        ServeCommand serve = (ServeCommand) cli.parseArgs(args.toArray(String[]::new))
                .subcommand().commandSpec().userObject();

        try (Gateway gateway = serve.start()) {
            assertThat(gateway.publicKey()).isEqualTo(imported.getPublic());
            assertThat(gateway.settings().mode()).isEqualTo(GatewayMode.SANDBOX);
            assertThat(gateway.settings().host()).isEqualTo("127.0.0.1");
            assertThat(gateway.settings().notifyPolicy().maxAttempts()).isEqualTo(7);
            assertThat(gateway.settings().notifyPolicy().interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(gateway.settings().notifyPolicy().timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(gateway.settings().bankDelay()).isZero();
            Path publicKeyFile = dataDir.resolve("llgate_public_key.pem");
            assertThat(publicKeyFile).hasContent(RsaKeys.pem(imported.getPublic()).strip());
            DemoMerchant demo = DemoMerchant.in(dataDir).orElseThrow();
            assertThat(out.toString())
                    .contains("URL:            " + gateway.baseUri())
                    .contains("sandbox mode")
                    .contains("RSA provider:   " + RsaEngine.current().description())
                    .contains("Admin token:    llgate-sandbox")
                    .contains("7 attempts, 1s apart, 3s timeout each")
                    .contains(publicKeyFile.toString())
                    .contains("oid_partner " + demo.oidPartner())
                    .contains(demo.directory().toString())
                    .contains("Pay online in a browser:           " + gateway.baseUri() + "/sandbox/merchant-demo");
        }
    }

    @Test
    void productionThrottlesFailuresByDefaultAndTheSandboxDoesNot() {
        String token = "0123456789abcdef0123456789abcdef";

        GatewaySettings production = settings("--mode", "production", "--admin-token", token);
        GatewaySettings tuned = settings("--mode", "production", "--admin-token", token, "--refused-per-merchant", "5",
                "--refused-per-source", "0", "--refusal-period", "10s", "--notify-per-host", "3",
                "--notify-per-merchant", "4");
        GatewaySettings sandbox = settings();

        assertThat(production.requestLimits()).isEqualTo(RequestLimits.production());
        assertThat(tuned.requestLimits().refusedPerMerchant()).isEqualTo(new FailureLimit(5, Duration.ofSeconds(10)));
        assertThat(tuned.requestLimits().refusedPerSource().isOn()).isFalse();
        assertThat(tuned.requestLimits().adminFailuresPerSource()).isEqualTo(RequestLimits.ADMIN_FAILURES);
        assertThat(tuned.notifyPolicy().perHostConcurrency()).isEqualTo(3);
        assertThat(tuned.notifyPolicy().perMerchantConcurrency()).isEqualTo(4);
        assertThat(sandbox.requestLimits()).isEqualTo(RequestLimits.none());
        assertThat(sandbox.adminToken()).isEqualTo(GatewaySettings.SANDBOX_ADMIN_TOKEN);
        assertThat(sandbox.notifyPolicy().perMerchantConcurrency()).isEqualTo(16);
    }

    @Test
    void productionWithTheSandboxBankExitsNonZeroNamingTheChannelAndTheFlag() {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--mode", "production", "--admin-token", "0123456789abcdef0123456789abcdef"));
        args.addAll(databaseOptions(TestDatabases.fresh()));

        Cli.Run serve = Cli.run(args.toArray(String[]::new));

        assertThat(serve.exitCode()).isNotZero();
        assertThat(serve.err().strip().lines()).singleElement().asString().startsWith("llgate serve: ")
                .contains("sandbox channels: bank (SandboxBank)", "--allow-sandbox-channels",
                        "LLGATE_ALLOW_SANDBOX_CHANNELS=true");
        assertThat(serve.showsStackTrace()).isFalse();
    }

    @Test
    void productionWithTheFlagStartsAndTheBannerWarnsOfTheSandboxChannels() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--mode", "production", "--admin-token", "0123456789abcdef0123456789abcdef", "--host", "127.0.0.1",
                "--allow-sandbox-channels"));
        args.addAll(databaseOptions(TestDatabases.fresh()));
        ServeCommand serve = (ServeCommand) cli.parseArgs(args.toArray(String[]::new))
                .subcommand().commandSpec().userObject();

        try (Gateway gateway = serve.start()) {
            assertThat(gateway.settings().sandboxChannelsAllowed()).isTrue();
            assertThat(out.toString()).contains("production mode")
                    .contains("WARNING:        sandbox channels, no real money moves: bank (SandboxBank)");
        }
        assertThat(settings("--mode", "production", "--admin-token", "0123456789abcdef0123456789abcdef")
                .sandboxChannelsAllowed()).isFalse();
    }

    @Test
    void helpDocumentsTheSandboxChannelsFlag() {
        Cli.Run help = Cli.run("serve", "--help");

        assertThat(help.out()).contains("--allow-sandbox-channels", "LLGATE_ALLOW_SANDBOX_CHANNELS");
    }

    private static List<String> databaseOptions(DatabaseSettings database) {
        List<String> options = new ArrayList<>(List.of("--db-url", database.url(), "--db-user", database.user()));
        if (!database.password().isEmpty()) {
            options.addAll(List.of("--db-password", database.password()));
        }
        return options;
    }

    private GatewaySettings settings(String... options) {
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
        args.addAll(List.of(options));
        ServeCommand serve = (ServeCommand) Main.commandLine().parseArgs(args.toArray(String[]::new))
                .subcommand().commandSpec().userObject();
        return serve.settings();
    }

    @Test
    void theBannerNeverShowsTheDatabasePassword() {
        String shown = ServeCommand.describe(
                new DatabaseSettings("jdbc:postgresql://db:5432/llgate?password=s3cret&ssl=true", "gate", "s3cret"));

        assertThat(shown).doesNotContain("s3cret").contains("jdbc:postgresql://db:5432/llgate").contains("gate");
    }
}
