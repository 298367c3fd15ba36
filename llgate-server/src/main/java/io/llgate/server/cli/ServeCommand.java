package io.llgate.server.cli;

import io.llgate.protocol.InvalidKeyTextException;
import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.console.Console;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.bank.Channel;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.security.FailureLimit;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.sandbox.MerchantDemoRoutes;
import io.llgate.server.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalTime;
import io.llgate.server.ledger.BusinessCalendar;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code llgate serve}: runs a gateway node until SIGINT or SIGTERM. */
@Command(name = "serve",
        description = {"Runs the gateway until stopped with Ctrl-C (SIGINT) or SIGTERM.",
                "Every option can also be set with the environment variable named in its description."})
public final class ServeCommand implements Callable<Integer> {
    /** Where every start writes the gateway's public key, for merchants to verify replies with. */
    static final String PUBLIC_KEY_FILE = "llgate_public_key.pem";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:LLGATE_PORT:-8080}",
            description = "HTTP port; 0 picks a free one. Env LLGATE_PORT; default 8080.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:LLGATE_HOST}",
            description = "Address to listen on. Env LLGATE_HOST; default 127.0.0.1 in sandbox mode, 0.0.0.0 in "
                    + "production mode.")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:LLGATE_DATA_DIR:-./data}",
            description = "Directory for the embedded database, the demo merchant's files and the gateway public "
                    + "key file; created if missing. Env LLGATE_DATA_DIR; default ./data.")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:LLGATE_DB_URL}",
            description = "JDBC URL of the database, e.g. jdbc:postgresql://127.0.0.1:5432/llgate. Env LLGATE_DB_URL; "
                    + "default an embedded H2 database in the data directory.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:LLGATE_DB_USER}",
            description = "Database user. Env LLGATE_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:LLGATE_DB_PASSWORD}",
            description = "Database password. Env LLGATE_DB_PASSWORD.")
    String dbPassword;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "${env:LLGATE_MODE:-sandbox}",
            description = "sandbox (test cards, sandbox controls, a demo merchant, sign-source hints) or production. "
                    + "Env LLGATE_MODE; default sandbox.")
    GatewayMode mode;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:LLGATE_ADMIN_TOKEN}",
            description = "Bearer token of the admin API and the sandbox controls, and the console's login. Env LLGATE_ADMIN_TOKEN; "
                    + "default llgate-sandbox in sandbox mode; production mode requires one of at least "
                    + GatewaySettings.MIN_PRODUCTION_ADMIN_TOKEN_LENGTH + " characters, e.g. openssl rand -hex 24, "
                    + "and answers 429 to an address after 10 wrong tokens (one more try every 30s).")
    String adminToken;

    @Option(names = "--notify-interval", paramLabel = "DURATION", defaultValue = "${env:LLGATE_NOTIFY_INTERVAL:-2m}",
            description = "Time between notification attempts. Env LLGATE_NOTIFY_INTERVAL; default 2m.")
    Duration notifyInterval;

    @Option(names = "--notify-attempts", paramLabel = "N", defaultValue = "${env:LLGATE_NOTIFY_ATTEMPTS:-30}",
            description = "Attempts per notification, the first included. Env LLGATE_NOTIFY_ATTEMPTS; default 30.")
    int notifyAttempts;

    @Option(names = "--notify-timeout", paramLabel = "DURATION", defaultValue = "${env:LLGATE_NOTIFY_TIMEOUT:-5s}",
            description = "Time a merchant has to acknowledge one attempt. Env LLGATE_NOTIFY_TIMEOUT; default 5s.")
    Duration notifyTimeout;

    @Option(names = "--notify-lease", paramLabel = "DURATION", defaultValue = "${env:LLGATE_NOTIFY_LEASE}",
            description = "How long a node holds a notification it is sending before another node may take it: how "
                    + "long a notification waits after its node died. Longer than --notify-timeout. "
                    + "Env LLGATE_NOTIFY_LEASE; default twice the timeout plus 30s.")
    Duration notifyLease;

    @Option(names = "--notify-per-host", paramLabel = "N", defaultValue = "${env:LLGATE_NOTIFY_PER_HOST:-8}",
            description = "Notification attempts in flight at once to one merchant host. Env LLGATE_NOTIFY_PER_HOST; "
                    + "default 8.")
    int notifyPerHost;

    @Option(names = "--notify-per-merchant", paramLabel = "N",
            defaultValue = "${env:LLGATE_NOTIFY_PER_MERCHANT:-" + NotifyPolicy.DEFAULT_PER_MERCHANT_CONCURRENCY + "}",
            description = "Notification attempts in flight at once for one merchant, over all its hosts. "
                    + "Env LLGATE_NOTIFY_PER_MERCHANT; default 16.")
    int notifyPerMerchant;

    @Option(names = "--refused-per-merchant", paramLabel = "N", defaultValue = "${env:LLGATE_REFUSED_PER_MERCHANT}",
            description = "Requests of one merchant refused before they authenticate (bad signature or pay_load, "
                    + "address not allowed) per --refusal-period; past them its requests are answered 1007 with no "
                    + "RSA work until the count refills, except from addresses that sent it a valid signature in the "
                    + "last 24h. 0 is no limit. Env LLGATE_REFUSED_PER_MERCHANT; default 60 in production mode, "
                    + "0 in sandbox mode.")
    Integer refusedPerMerchant;

    @Option(names = "--refused-per-source", paramLabel = "N", defaultValue = "${env:LLGATE_REFUSED_PER_SOURCE}",
            description = "The same per source address (IPv6 per /64), whatever the merchant. 0 is no limit. "
                    + "Env LLGATE_REFUSED_PER_SOURCE; default 30 in production mode, 0 in sandbox mode.")
    Integer refusedPerSource;

    @Option(names = "--refusal-period", paramLabel = "DURATION", defaultValue = "${env:LLGATE_REFUSAL_PERIOD:-1m}",
            description = "The period in which the refused-request counts refill. Env LLGATE_REFUSAL_PERIOD; default 1m.")
    Duration refusalPeriod;

    @Option(names = "--bank-delay", paramLabel = "DURATION", defaultValue = "${env:LLGATE_BANK_DELAY:-2s}",
            description = "Time the sandbox bank takes to settle a payout. Env LLGATE_BANK_DELAY; default 2s.")
    Duration bankDelay;

    @Option(names = GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION,
            defaultValue = "${env:" + GatewaySettings.ALLOW_SANDBOX_CHANNELS_ENV + ":-false}",
            description = "Let production mode run sandbox channels, which move no real money: today the bank is the "
                    + "sandbox bank, so production mode refuses to start without this. For a staging installation that "
                    + "runs the real protocol against a simulated bank; warned at start, in /health/ready "
                    + "(sandbox_channels) and in /metrics (llgate_sandbox_channels). Env "
                    + GatewaySettings.ALLOW_SANDBOX_CHANNELS_ENV + "=true.")
    boolean allowSandboxChannels;

    @Option(names = "--gateway-key", paramLabel = "FILE", defaultValue = "${env:LLGATE_GATEWAY_KEY}",
            description = "Import this gateway private key (PEM or base64, PKCS#8 or PKCS#1; a file, or the key text "
                    + "itself) instead of the stored or generated one; the public key is derived. "
                    + "Env LLGATE_GATEWAY_KEY.")
    String gatewayKey;

    @Option(names = "--no-demo-merchant", defaultValue = "${env:LLGATE_NO_DEMO_MERCHANT:-false}",
            description = "Do not create the sandbox's demo merchant. Env LLGATE_NO_DEMO_MERCHANT=true.")
    boolean noDemoMerchant;

    @Option(names = "--settlement-cutoff", paramLabel = "HH:MM", defaultValue = "${env:LLGATE_SETTLEMENT_CUTOFF:-00:00}",
            description = "End of the business day, Beijing time: payments and refunds from then on carry the next "
                    + "day's settle_date, and the day's unsettled funds become available. Env LLGATE_SETTLEMENT_CUTOFF; "
                    + "default 00:00.")
    LocalTime settlementCutoff;

    @Option(names = "--report-time", paramLabel = "HH:MM", defaultValue = "${env:LLGATE_REPORT_TIME:-09:00}",
            description = "When each day's transaction report files for the previous business day are written, "
                    + "Beijing time. Env LLGATE_REPORT_TIME; default 09:00.")
    LocalTime reportTime;

    @Override
    public Integer call() throws InterruptedException {
        Gateway gateway = start();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("llgate-shutdown").unstarted(() -> {
            out.println("Stopping LLGate...");
            gateway.close();
            out.println("LLGate stopped.");
            stopped.countDown();
        }));
        // The JVM exits once the shutdown hook has closed the gateway; until then this thread just waits.
        stopped.await();
        return 0;
    }

    /** Checks the options, starts the gateway and prints the banner; the caller owns the gateway. */
    Gateway start() {
        GatewaySettings settings = settings();
        Gateway gateway = Gateway.start(settings);
        Path keyFile = settings.dataDir().resolve(PUBLIC_KEY_FILE);
        try {
            Files.writeString(keyFile, RsaKeys.pem(gateway.publicKey()));
        } catch (IOException e) {
            keyFile = null;
        }
        banner(gateway, keyFile);
        return gateway;
    }

    GatewaySettings settings() {
        if (port < 0 || port > 65535) {
            throw usage("--port must be between 0 and 65535, not " + port);
        }
        if (notifyAttempts < 1) {
            throw usage("--notify-attempts must be at least 1, not " + notifyAttempts);
        }
        if (notifyTimeout.isZero()) {
            throw usage("--notify-timeout must be longer than 0");
        }
        String token = blankToNull(adminToken);
        if (mode == GatewayMode.PRODUCTION && token == null) {
            throw usage("production mode needs an admin token: give --admin-token or set LLGATE_ADMIN_TOKEN");
        }
        if (mode == GatewayMode.PRODUCTION && token.equals(GatewaySettings.SANDBOX_ADMIN_TOKEN)) {
            throw usage("production mode refuses the sandbox's well-known admin token; choose another");
        }
        if (mode == GatewayMode.PRODUCTION && token.strip().length() < GatewaySettings.MIN_PRODUCTION_ADMIN_TOKEN_LENGTH) {
            // Long enough that guessing it is hopeless even without the throttle, e.g. openssl rand -hex 24.
            throw usage("production mode needs an admin token of at least "
                    + GatewaySettings.MIN_PRODUCTION_ADMIN_TOKEN_LENGTH + " characters (e.g. openssl rand -hex 24), not "
                    + token.strip().length());
        }
        if (notifyPerHost < 1) {
            throw usage("--notify-per-host must be at least 1, not " + notifyPerHost);
        }
        if (notifyPerMerchant < 1) {
            throw usage("--notify-per-merchant must be at least 1, not " + notifyPerMerchant);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw usage("--data-dir: cannot create " + dir + " (" + e.getMessage() + ")");
        }
        Optional<PrivateKey> importedKey = Optional.ofNullable(blankToNull(gatewayKey)).map(this::readGatewayKey);
        String url = blankToNull(dbUrl);
        DatabaseSettings database = url == null
                ? DatabaseSettings.embedded(dir)
                : new DatabaseSettings(url, blankToNull(dbUser), blankToNull(dbPassword));
        GatewaySettings defaults = GatewaySettings.sandbox(dir, port);
        String address = blankToNull(host) != null ? host.trim() : mode.isSandbox() ? "127.0.0.1" : "0.0.0.0";
        return new GatewaySettings(address, port, dir, database, mode, token,
                policy(defaults.notifyPolicy().withSchedule(notifyInterval, notifyAttempts, notifyTimeout)
                        .withConcurrency(notifyPerHost, notifyPerMerchant)), bankDelay,
                importedKey, !noDemoMerchant, defaults.maxBodyBytes(), defaults.instantPaymentRules(),
                defaults.hostResolver(), businessCalendar(), reportTime, requestLimits(), allowSandboxChannels);
    }

    /** Production's limits on wrong admin tokens and unauthenticated refusals, or none in the sandbox; as the options say. */
    private RequestLimits requestLimits() {
        RequestLimits base = mode.isSandbox() ? RequestLimits.none() : RequestLimits.production();
        if (refusalPeriod.isZero() || refusalPeriod.isNegative()) {
            throw usage("--refusal-period must be longer than 0");
        }
        return base.withRefusals(
                refusalLimit("--refused-per-merchant", refusedPerMerchant, base.refusedPerMerchant()),
                refusalLimit("--refused-per-source", refusedPerSource, base.refusedPerSource()));
    }

    private FailureLimit refusalLimit(String option, Integer given, FailureLimit modeDefault) {
        if (given != null && given < 0) {
            throw usage(option + " must be 0 (no limit) or more, not " + given);
        }
        int failures = given != null ? given : modeDefault.failures();
        return failures == 0 ? FailureLimit.NONE : new FailureLimit(failures, refusalPeriod);
    }

    private BusinessCalendar businessCalendar() {
        try {
            return new BusinessCalendar(settlementCutoff);
        } catch (IllegalArgumentException e) {
            throw usage("--settlement-cutoff: " + e.getMessage());
        }
    }

    /** The schedule's policy with the lease asked for, if any. */
    private NotifyPolicy policy(NotifyPolicy schedule) {
        if (notifyLease == null) {
            return schedule;
        }
        if (notifyLease.compareTo(notifyTimeout) <= 0) {
            throw usage("--notify-lease must be longer than --notify-timeout (" + Durations.format(notifyTimeout) + ")");
        }
        return schedule.withLease(notifyLease);
    }

    private PrivateKey readGatewayKey(String value) {
        try {
            return RsaKeys.parsePrivate(TextOrFile.read(value));
        } catch (InvalidKeyTextException e) {
            throw usage("--gateway-key: neither a readable key file nor a private key: " + e.getMessage());
        } catch (RuntimeException e) {
            throw usage("--gateway-key: " + Main.describe(e));
        }
    }

    private void banner(Gateway gateway, Path keyFile) {
        GatewaySettings s = gateway.settings();
        // Written out in one piece at the end: log lines are written by a thread of their own, and one written while
        // the banner was printed line by line would land in the middle of it.
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println();
        out.println("LLGate " + Main.version() + " is running in " + s.mode().name().toLowerCase(java.util.Locale.ROOT)
                + " mode.");
        out.println("  URL:            " + gateway.baseUri()
                + (s.host().equals("0.0.0.0") ? "  (listening on every interface)" : ""));
        out.println("  Console:        " + gateway.baseUri() + Console.PATH + "  (log in with the admin token)");
        out.println("  Database:       " + describe(s.database()));
        if (s.mode().isSandbox() && s.adminToken().equals(GatewaySettings.SANDBOX_ADMIN_TOKEN)) {
            out.println("  Admin token:    " + GatewaySettings.SANDBOX_ADMIN_TOKEN
                    + "  (the sandbox default: Authorization: Bearer " + GatewaySettings.SANDBOX_ADMIN_TOKEN + ")");
        } else {
            out.println("  Admin token:    the one configured (--admin-token / LLGATE_ADMIN_TOKEN)");
        }
        out.println("  RSA provider:   " + RsaEngine.current().description());
        out.println("  Notifications:  " + s.notifyPolicy().maxAttempts() + " attempts, "
                + Durations.format(s.notifyPolicy().interval()) + " apart, "
                + Durations.format(s.notifyPolicy().timeout()) + " timeout each");
        RequestLimits limits = s.requestLimits();
        if (limits.refusedPerMerchant().isOn() || limits.refusedPerSource().isOn()) {
            out.println("  Refusals:       answered 1007 without RSA work past " + describe(limits.refusedPerMerchant())
                    + " per merchant, " + describe(limits.refusedPerSource()) + " per address");
        }
        if (s.mode().isSandbox()) {
            out.println("  Sandbox bank:   settles payouts after " + Durations.format(s.bankDelay()));
        } else if (!gateway.sandboxChannels().isEmpty()) {
            out.println("  WARNING:        sandbox channels, no real money moves: "
                    + String.join(", ", gateway.sandboxChannels().stream().map(Channel::describe).toList())
                    + "  (allowed by " + GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION + ")");
        }
        if (keyFile != null) {
            out.println("  Gateway key:    " + keyFile + "  (public; or run: llgate gateway-key)");
        }
        gateway.demoMerchant().ifPresent(demo -> {
            out.println("  Demo merchant:  oid_partner " + demo.oidPartner() + ", files in " + demo.directory());
            out.println("                  " + demo.privateKeyFile().getFileName() + ", "
                    + demo.publicKeyFile().getFileName() + ", " + demo.gatewayPublicKeyFile().getFileName() + ", "
                    + demo.oidPartnerFile().getFileName());
            out.println();
            out.println("Try a payout in another terminal:  ./llgate demo"
                    + (s.dataDir().equals(Path.of("data").toAbsolutePath().normalize()) ? "" : " --data-dir " + s.dataDir())
                    + (gateway.baseUri().toString().equals("http://127.0.0.1:8080") ? "" : " --server " + gateway.baseUri()));
            out.println("Pay online in a browser:           " + gateway.baseUri() + MerchantDemoRoutes.PATH);
        });
        out.println("Stop with Ctrl-C.");
        out.println();
        out.flush();
        PrintWriter console = spec.commandLine().getOut();
        console.print(text);
        console.flush();
    }

    private static String describe(FailureLimit limit) {
        return limit.isOn() ? limit.failures() + " per " + Durations.format(limit.period()) : "no limit";
    }

    /** The database without its password, even one written into the URL. */
    static String describe(DatabaseSettings database) {
        if (database.url().startsWith("jdbc:h2:")) {
            int options = database.url().indexOf(';');
            return (options < 0 ? database.url() : database.url().substring(0, options)) + "  (embedded H2)";
        }
        String url = database.url().replaceAll("(?i)(password=)[^&;]*", "$1***");
        return url + (database.user() == null ? "" : " (user " + database.user() + ")");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
