package io.llgate.server;

import io.llgate.server.instantpay.InstantPaymentRules;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.security.MerchantUrlGuard;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.store.DatabaseSettings;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** Everything a gateway node is started with. */
public record GatewaySettings(
        String host,
        int port,
        Path dataDir,
        DatabaseSettings database,
        GatewayMode mode,
        String adminToken,
        NotifyPolicy notifyPolicy,
        Duration bankDelay,
        Optional<PrivateKey> importedGatewayKey,
        boolean demoMerchant,
        int maxBodyBytes,
        InstantPaymentRules instantPaymentRules,
        MerchantUrlGuard.Resolver hostResolver,
        BusinessCalendar businessCalendar,
        LocalTime reportTime,
        RequestLimits requestLimits,
        boolean sandboxChannelsAllowed) {

    /** The {@code llgate serve} option that lets a production gateway run sandbox channels. */
    public static final String ALLOW_SANDBOX_CHANNELS_OPTION = "--allow-sandbox-channels";
    /** The environment variable that does the same, when {@code true}. */
    public static final String ALLOW_SANDBOX_CHANNELS_ENV = "LLGATE_ALLOW_SANDBOX_CHANNELS";
    /** The token sandbox mode uses when none is configured; production mode requires one. */
    public static final String SANDBOX_ADMIN_TOKEN = "llgate-sandbox";
    /** The shortest admin token {@code llgate serve} takes in production mode: 32 characters, e.g. 16 random bytes in hex. */
    public static final int MIN_PRODUCTION_ADMIN_TOKEN_LENGTH = 32;
    public static final int DEFAULT_PORT = 8080;
    /** When the previous business day's transaction report files are written, Beijing time (13 §1). */
    public static final LocalTime DEFAULT_REPORT_TIME = LocalTime.of(9, 0);

    public GatewaySettings {
        if (mode == GatewayMode.PRODUCTION && (adminToken == null || adminToken.isBlank())) {
            throw new IllegalArgumentException("production mode needs an admin token (--admin-token or LLGATE_ADMIN_TOKEN)");
        }
        if (adminToken == null || adminToken.isBlank()) {
            adminToken = SANDBOX_ADMIN_TOKEN;
        }
        if (bankDelay.isNegative()) {
            throw new IllegalArgumentException("the bank delay cannot be negative");
        }
    }

    /** A sandbox on the given port with an embedded database under {@code dataDir} and LianLian's policy. */
    public static GatewaySettings sandbox(Path dataDir, int port) {
        return new GatewaySettings("127.0.0.1", port, dataDir, DatabaseSettings.embedded(dataDir), GatewayMode.SANDBOX,
                SANDBOX_ADMIN_TOKEN, NotifyPolicy.lianLian(), Duration.ofSeconds(2), Optional.empty(), true,
                64 * 1024, InstantPaymentRules.lianLian(), MerchantUrlGuard.Resolver.SYSTEM, BusinessCalendar.midnight(),
                DEFAULT_REPORT_TIME, RequestLimits.none(), false);
    }

    /** Business days ending at {@code calendar}'s cut-off, and report files written at {@code reportAt}. */
    public GatewaySettings withBusinessDays(BusinessCalendar calendar, LocalTime reportAt) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, calendar, reportAt, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withDatabase(DatabaseSettings newDatabase) {
        return new GatewaySettings(host, port, dataDir, newDatabase, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withNotifyPolicy(NotifyPolicy policy) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, policy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withBankDelay(Duration delay) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, delay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withMode(GatewayMode newMode, String token) {
        return new GatewaySettings(host, port, dataDir, database, newMode, token, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withDemoMerchant(boolean create) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, create, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    /** How production mode looks up the hosts of merchants' URLs before calling them (tests fake DNS here). */
    public GatewaySettings withHostResolver(MerchantUrlGuard.Resolver resolver) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, resolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    public GatewaySettings withImportedGatewayKey(PrivateKey key) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                Optional.of(key), demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime, requestLimits,
                sandboxChannelsAllowed);
    }

    /** Limits on wrong admin tokens and on merchant requests refused before they authenticate. */
    public GatewaySettings withRequestLimits(RequestLimits limits) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime,
                limits, sandboxChannelsAllowed);
    }

    /**
     * Whether production mode may run sandbox channels (today the bank): for a staging installation that speaks the
     * real protocol to a simulated bank. Without it a production gateway with a sandbox channel refuses to start.
     * Sandbox mode runs them whatever this says.
     */
    public GatewaySettings withSandboxChannelsAllowed(boolean allowed) {
        return new GatewaySettings(host, port, dataDir, database, mode, adminToken, notifyPolicy, bankDelay,
                importedGatewayKey, demoMerchant, maxBodyBytes, instantPaymentRules, hostResolver, businessCalendar, reportTime,
                requestLimits, allowed);
    }
}
