package io.llgate.server;

import java.util.Locale;
import java.net.UnknownHostException;
import java.net.InetAddress;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.bank.Channel;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.bank.PayerBankListener;
import io.llgate.server.bank.SmsChannel;
import io.llgate.server.sandbox.SandboxBank;
import io.llgate.server.console.AuditAdminRoutes;
import io.llgate.server.console.AuditLog;
import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleSessions;
import io.llgate.server.http.AdminAuth;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.ErrorReplies;
import io.llgate.server.http.JsonErrorHandler;
import io.llgate.server.http.Json;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.MerchantChecks;
import io.llgate.server.http.Pages;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.kernel.Sweep;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.refund.RefundProduct;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.bank.RefundResultListener;
import java.util.function.Function;
import io.llgate.server.ledger.BalanceRoutes;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.SettlementAdminRoutes;
import io.llgate.server.ledger.Settlements;
import io.llgate.server.merchant.MerchantAdminRoutes;
import io.llgate.server.merchant.MerchantConsolePages;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.orderquery.OrderQueryRoutes;
import io.llgate.server.rate.RateAdminRoutes;
import io.llgate.server.rate.RateTable;
import io.llgate.server.notify.ChaosOutbox;
import io.llgate.server.notify.NotificationAdminRoutes;
import io.llgate.server.notify.NotificationConsolePages;
import io.llgate.server.notify.OverviewConsolePage;
import io.llgate.server.notify.ClusterAnnouncer;
import io.llgate.server.notify.ClusterWakeUps;
import io.llgate.server.notify.NotificationDispatcher;
import io.llgate.server.notify.NotificationMetrics;
import io.llgate.server.notify.NotificationOutbox;
import io.llgate.server.notify.Notifier;
import io.llgate.server.notify.Notifications;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.report.Reconciliation;
import io.llgate.server.report.ReportAdminRoutes;
import io.llgate.server.report.ReportDownloadRoutes;
import io.llgate.server.report.ReportFiles;
import io.llgate.server.report.SettlementConsolePages;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.refund.Refunds;
import io.llgate.server.sandbox.DemoMerchant;
import io.llgate.server.sandbox.MerchantDemoRoutes;
import io.llgate.server.sandbox.SandboxBankRoutes;
import io.llgate.server.sandbox.SandboxClock;
import io.llgate.server.sandbox.SandboxCardIssuer;
import io.llgate.server.sandbox.SandboxCardRoutes;
import io.llgate.server.sandbox.SandboxConsolePages;
import io.llgate.server.sandbox.SandboxPayerBank;
import io.llgate.server.sandbox.SandboxRateRoutes;
import io.llgate.server.sandbox.SandboxRates;
import io.llgate.server.sandbox.SandboxPhoneRoutes;
import io.llgate.server.sandbox.SandboxRoutes;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.security.GatewaySecrets;
import io.llgate.server.security.MerchantUrlGuard;
import io.llgate.server.security.RefusalThrottle;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.store.Database;
import io.llgate.server.transaction.TransactionAdminRoutes;
import io.llgate.server.transaction.TransactionConsole;
import io.llgate.server.transaction.Transactions;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running gateway node: its database, workers and HTTP server, wired by hand. */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewaySettings settings;
    private final Database database;
    private final SandboxClock clock;
    private final GatewayKeys keys;
    private final Merchants merchants;
    private final SandboxBank bank;
    private final SandboxSms sms;
    /** The channels that are sandbox stand-ins: every one in a sandbox, and in production only when allowed. */
    private final List<Channel> sandboxChannels;
    private final List<Product> products;
    private final Settlements settlements;
    private final ReportFiles reportFiles;
    private final NotificationDispatcher dispatcher;
    private final NotificationOutbox outbox;
    private final Optional<ClusterWakeUps> clusterWakeUps;
    private final Optional<ClusterAnnouncer> clusterAnnouncer;
    private final PrometheusMeterRegistry metrics;
    private final Notifications notifications;
    private final Transactions transactions;
    private final RateTable rates;
    private final ScheduledExecutorService sweeper;
    private final Optional<DemoMerchant> demoMerchant;
    private final MerchantDemoRoutes merchantDemo;
    private Javalin http;

    private Gateway(GatewaySettings settings, Database database) {
        this.settings = settings;
        this.database = database;
        Jdbi jdbi = database.jdbi();
        // Production runs on the system clock too; only the sandbox lets anyone move it.
        this.clock = new SandboxClock(Clock.systemUTC());
        this.bank = new SandboxBank(jdbi, clock, settings.bankDelay());
        // The sandbox's payer bank and SMS gateway are the only ones in either mode; production never routes their pages.
        SandboxPayerBank payerBank = new SandboxPayerBank(this::payerBankListeners);
        this.sms = new SandboxSms(clock, settings.mode().isSandbox());
        SandboxCardIssuer cardIssuer = new SandboxCardIssuer(this::cardIssuerListeners);
        // Every channel the gateway talks to the outside through; one a product adds joins this list.
        this.sandboxChannels = sandboxChannels(settings, List.of(bank, payerBank, sms, cardIssuer));
        GatewaySecrets secrets = new GatewaySecrets(jdbi, clock);
        this.keys = secrets.gatewayKeys(settings.importedGatewayKey());
        CardVault vault = new CardVault(secrets.dataKey());
        Ledger ledger = new Ledger(clock, settings.businessCalendar());
        this.merchants = new Merchants(jdbi, ledger, clock, Products.catalogue());
        String node = nodeName();
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        RsaEngine rsa = RsaEngine.current();
        Gauge.builder("llgate.crypto.provider", () -> 1)
                .description("The provider doing the RSA private-key operations; native=false means the JDK's")
                .tag("provider", rsa.providerName())
                .tag("native", Boolean.toString(rsa.isNative()))
                .register(metrics);
        Gauge.builder("llgate.sandbox.channels", sandboxChannels::size)
                .description("Channels that are sandbox stand-ins, moving no real money; above 0 in production only "
                        + "when started with " + GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION)
                .register(metrics);
        MerchantUrlGuard urlGuard = MerchantUrlGuard.forMode(settings.mode(), settings.hostResolver());
        this.dispatcher = new NotificationDispatcher(jdbi, !database.isPostgres(), clock, settings.notifyPolicy(), node,
                new NotificationMetrics(metrics, jdbi, clock), urlGuard);
        // Several nodes share a PostgreSQL database; H2 is embedded and so always a single node.
        this.clusterWakeUps = database.isPostgres()
                ? Optional.of(new ClusterWakeUps(settings.database(), node, dispatcher::wake, dispatcher::wakeFor))
                : Optional.empty();
        this.clusterAnnouncer = database.isPostgres() ? Optional.of(new ClusterAnnouncer(jdbi, node)) : Optional.empty();
        this.outbox = new NotificationOutbox(clock, settings.notifyPolicy(), dispatcher::wakeFor,
                clusterAnnouncer.<Consumer<String>>map(a -> a::announce).orElse(host -> { }));
        Notifier notifier = settings.mode().isSandbox() ? new ChaosOutbox(outbox, merchants::notifyChaos, clock) : outbox;
        this.settlements = new Settlements(jdbi, clock, ledger, merchants);
        this.demoMerchant = settings.mode().isSandbox() && settings.demoMerchant()
                ? Optional.of(DemoMerchant.ensure(settings.dataDir(), merchants, keys.publicKey()))
                : Optional.empty();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("llgate-sweeper").daemon().factory());

        MerchantChecks merchantChecks = new MerchantChecks(merchants, settings.mode());
        RequestLimits limits = settings.requestLimits();
        MerchantApi api = new MerchantApi(merchantChecks, keys, settings.maxBodyBytes(),
                new RefusalThrottle(limits.refusedPerMerchant(), limits.refusedPerSource()));
        // Operators' resends are due at once on every node, not only on the one that took the request.
        Runnable wakeEveryNode = clusterAnnouncer.isPresent()
                ? () -> {
                    dispatcher.wake();
                    clusterAnnouncer.get().announceEveryHost();
                }
                : dispatcher::wake;
        this.notifications = new Notifications(jdbi, clock, merchants, wakeEveryNode);
        Pages pages = new Pages(settings.mode());
        this.rates = new RateTable(jdbi, clock);
        // A yuan costs a yuan in every mode, so orders priced in CNY never wait for an operator.
        rates.seed(Map.of(Money.CNY, RateTable.CNY_RATE), Instant.EPOCH, "gateway");
        if (settings.mode().isSandbox()) {
            // A production gateway prices nothing else until an operator sets its rates; a sandbox starts with a table.
            SandboxRates.seed(rates);
        }
        ProductContext context = new ProductContext(jdbi, clock, settings, ledger, notifier, merchants, keys, vault,
                urlGuard, api, merchantChecks, pages, bank, payerBank, sms, cardIssuer, rates, this::refundablePayments,
                this::preAuthorizations);
        this.products = Products.ALL.stream().map(registration -> registration.start().apply(context)).toList();
        this.transactions = new Transactions(jdbi, merchants, ledger, notifications,
                products.stream().flatMap(p -> p.transactions().stream()).toList());
        List<ReportRowSource> reportRows = products.stream().flatMap(p -> p.reportRows().stream()).toList();
        this.reportFiles = new ReportFiles(jdbi, clock, settings.businessCalendar(), settings.reportTime(), merchants,
                reportRows);
        Reconciliation reconciliation = new Reconciliation(jdbi, clock, ledger, merchants, reportFiles);
        BalanceRoutes balanceRoutes = new BalanceRoutes(jdbi, ledger, api);
        MerchantAdminRoutes merchantAdmin = new MerchantAdminRoutes(merchants, jdbi, ledger, settings.mode());
        NotificationAdminRoutes notificationAdmin = new NotificationAdminRoutes(notifications);
        TransactionAdminRoutes transactionAdmin = new TransactionAdminRoutes(transactions);
        SettlementAdminRoutes settlementAdmin = new SettlementAdminRoutes(settlements);
        RateAdminRoutes rateAdmin = new RateAdminRoutes(rates);
        ReportAdminRoutes reportAdmin = new ReportAdminRoutes(reportFiles, reconciliation, merchants);
        ReportDownloadRoutes reportDownload = new ReportDownloadRoutes(reportFiles, api);
        SandboxRoutes sandboxRoutes = new SandboxRoutes(bank, onlineBanking(), refunds(), sms, clock,
                this::afterClockMove);
        OrderQueryRoutes orderQuery = new OrderQueryRoutes(this::queriedOrders, api);
        SandboxCardRoutes cardIssuerControls = new SandboxCardRoutes(cardIssuer);
        SandboxBankRoutes payerBankPages = new SandboxBankRoutes(payerBank, pages, settings.maxBodyBytes());
        this.merchantDemo = new MerchantDemoRoutes(demoMerchant, keys.publicKey(), pages, clock, onlineBanking(),
                refunds(), transactions, sms);
        AdminAuth adminAuth = new AdminAuth(settings.adminToken(), limits.adminFailuresPerSource());
        Handler parameterGuard = AdminInput.parameterGuard();
        AuditLog audit = new AuditLog(jdbi, clock);
        Console console = new Console(new ConsoleSessions(jdbi, clock), audit, pages, adminAuth, settings.mode());

        this.http = Javalin.create(config -> {
            configure(config);
            config.routes.before("/admin/*", adminAuth);
            config.routes.beforeMatched("/admin/*", parameterGuard);
            products.forEach(product -> product.addRoutes(config.routes));
            orderQuery.addTo(config.routes);
            products.forEach(product -> product.addAdminRoutes(config.routes));
            balanceRoutes.addTo(config.routes);
            merchantAdmin.addTo(config.routes);
            notificationAdmin.addTo(config.routes);
            transactionAdmin.addTo(config.routes);
            settlementAdmin.addTo(config.routes);
            rateAdmin.addTo(config.routes);
            reportAdmin.addTo(config.routes);
            reportDownload.addTo(config.routes);
            new AuditAdminRoutes(audit).addTo(config.routes);
            console.addTo(config.routes);
            new TransactionConsole(transactions, notificationAdmin).addTo(console);
            new NotificationConsolePages(notifications, notificationAdmin).addTo(console);
            MerchantConsolePages merchantPages = new MerchantConsolePages(merchants, merchantAdmin);
            merchantPages.addTo(console);
            new SettlementConsolePages(settlements, settlementAdmin, reportFiles, reportAdmin, settings.businessCalendar(),
                    settings.reportTime(), clock, rates).addTo(console);
            new OverviewConsolePage(notifications, clock).addTo(console);
            config.routes.get("/admin/gateway-key", ctx -> Json.write(ctx, 200, Map.of(
                    "public_key", RsaKeys.base64(keys.publicKey()), "pem", RsaKeys.pem(keys.publicKey()))));
            if (settings.mode().isSandbox()) {
                config.routes.before("/sandbox/*", ctx -> {
                    // The demo shop is for browsers, which carry no admin token.
                    if (!ctx.path().startsWith(MerchantDemoRoutes.PATH)) {
                        adminAuth.handle(ctx);
                    }
                });
                config.routes.beforeMatched("/sandbox/*", ctx -> {
                    if (ErrorReplies.isOperatorPath(ctx.path())) {
                        parameterGuard.handle(ctx);
                    }
                });
                sandboxRoutes.addTo(config.routes);
                cardIssuerControls.addTo(config.routes);
                new SandboxRateRoutes(rateAdmin).addTo(config.routes);
                payerBankPages.addTo(config.routes);
                new SandboxPhoneRoutes(sms, pages).addTo(config.routes);
                products.forEach(product -> product.addSandboxRoutes(config.routes));
                merchantDemo.addTo(config.routes);
                new SandboxConsolePages(sandboxRoutes, cardIssuerControls, bank, sms, clock, merchants, merchantPages)
                        .addTo(console);
            }
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.get("/health/live", ctx -> Json.write(ctx, 200, Map.of("status", "UP")));
            config.routes.get("/health/ready", ctx -> {
                boolean databaseUp = database.reachable();
                boolean dispatcherUp = dispatcher.isAlive();
                boolean ready = databaseUp && dispatcherUp;
                Json.write(ctx, ready ? 200 : 503, Map.of("status", upOrDown(ready),
                        "database", upOrDown(databaseUp), "dispatcher", upOrDown(dispatcherUp),
                        "sandbox_channels", sandboxChannels.stream().map(Channel::purpose).toList()));
            });
        });
    }

    /** Opens the database, starts the workers and the HTTP server. */
    public static Gateway start(GatewaySettings settings) {
        Database database = Database.open(settings.database());
        Gateway gateway;
        try {
            gateway = new Gateway(settings, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            gateway.bank.start(gateway.onlyOne(Product::payoutResults, "payout results"),
                    gateway.onlyOne(Product::refundResults, "refund results"));
            gateway.dispatcher.start();
            gateway.clusterWakeUps.ifPresent(ClusterWakeUps::start);
            gateway.sweeper.scheduleWithFixedDelay(gateway::sweep, 1, 1, TimeUnit.SECONDS);
            gateway.http.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        log.info("LLGate {} gateway listening on {}; RSA private-key operations by {}",
                settings.mode().name().toLowerCase(Locale.ROOT), gateway.baseUri(), RsaEngine.current());
        return gateway;
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = true;
        // What Jetty refuses before any route runs is answered as JSON too, in the shape of the path's API.
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.routes.exception(AdminException.class, (e, ctx) ->
                Json.write(ctx, e.status(), Map.of("error", e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            Json.write(ctx, 500, Map.of("error", "internal error; see the gateway log"));
        });
        // Javalin reports an unknown path by throwing, and would answer text or HTML (by the Accept header)
        // before any 404 error handler runs; merchants' parsers expect JSON whatever they send.
        config.routes.exception(EndpointNotFound.class, (e, ctx) ->
                ctx.status(404).contentType(ErrorReplies.CONTENT_TYPE)
                        .result(ErrorReplies.body(ctx.path(), "no endpoint " + ctx.method() + " " + ctx.path())));
        // Javalin's own refusals (a body over its limit, ...) would otherwise be text or HTML by the Accept header.
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).contentType(ErrorReplies.CONTENT_TYPE)
                        .result(ErrorReplies.body(ctx.path(), e.getMessage())));
    }

    /**
     * The sandbox channels among {@code channels}. A production gateway refuses to run any unless its settings allow
     * them, and warns when they do: a staging installation may run the real protocol against a simulated bank, a
     * production one must not do so by mistake.
     */
    private static List<Channel> sandboxChannels(GatewaySettings settings, List<Channel> channels) {
        List<Channel> sandbox = channels.stream().filter(Channel::isSandbox).toList();
        if (settings.mode().isSandbox() || sandbox.isEmpty()) {
            return sandbox;
        }
        String names = String.join(", ", sandbox.stream().map(Channel::describe).toList());
        if (!settings.sandboxChannelsAllowed()) {
            throw new IllegalStateException("production mode refuses to start with sandbox channels: " + names
                    + "; no real money would move. To run them anyway (e.g. a staging installation), start with "
                    + GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION + " or " + GatewaySettings.ALLOW_SANDBOX_CHANNELS_ENV
                    + "=true");
        }
        log.warn("PRODUCTION MODE WITH SANDBOX CHANNELS: {}. No real money moves through them; allowed by {}. "
                + "Shown in /health/ready (sandbox_channels) and /metrics (llgate_sandbox_channels).",
                names, GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION);
        return sandbox;
    }

    private static String upOrDown(boolean up) {
        return up ? "UP" : "DOWN";
    }

    /** The one product that keeps pre-authorizations, if the gateway hosts one. */
    private Optional<PreAuthorizations> preAuthorizations() {
        return products.stream().flatMap(p -> p.preAuthorizations().stream()).findFirst();
    }

    private List<RefundablePayments> refundablePayments() {
        return products.stream().flatMap(p -> p.refundablePayments().stream()).toList();
    }

    private List<PayerBankListener> payerBankListeners() {
        return products.stream().flatMap(p -> p.payerBankAnswers().stream()).toList();
    }

    private List<QueriedOrders> queriedOrders() {
        return products.stream().flatMap(p -> p.queriedOrders().stream()).toList();
    }

    private List<CardIssuerListener> cardIssuerListeners() {
        return products.stream().flatMap(p -> p.cardIssuerAnswers().stream()).toList();
    }

    /** The one product that handles a kind of bank result; the bank channel hands each result to one handler. */
    private <T> T onlyOne(Function<Product, Optional<T>> handler, String what) {
        List<T> handlers = products.stream().flatMap(p -> handler.apply(p).stream()).toList();
        if (handlers.size() != 1) {
            throw new IllegalStateException(handlers.size() + " products handle " + what + "; the bank needs one");
        }
        return handlers.get(0);
    }

    private void sweep() {
        for (Product product : products) {
            for (Sweep sweep : product.sweeps()) {
                try {
                    int changed = sweep.run().getAsInt();
                    if (changed > 0) {
                        log.info("{}: {}", sweep.done(), changed);
                    }
                } catch (RuntimeException e) {
                    log.error("{} of {} failed", sweep.done(), product.identity(), e);
                }
            }
        }
        try {
            settlements.settleDue();
        } catch (RuntimeException e) {
            log.error("settling ended business days failed", e);
        }
        try {
            reportFiles.publishDue();
        } catch (RuntimeException e) {
            log.error("publishing transaction report files failed", e);
        }
    }

    private void afterClockMove() {
        sweep();
        bank.wake();
        dispatcher.wake();
    }

    public URI baseUri() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + host + ":" + http.port());
    }

    public int port() {
        return http.port();
    }

    /** One HTTP route the gateway registered: its method and path template, such as {@code /admin/merchants/{oid}}. */
    public record Route(String method, String path) {
    }

    /**
     * Every HTTP route the gateway registered, as Javalin holds them: what the fuzz suite sends hostile input to,
     * so an endpoint a product adds is fuzzed without naming it anywhere else.
     */
    public List<Route> routes() {
        return http.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new Route(endpoint.method.name(), endpoint.path))
                .toList();
    }

    public PublicKey publicKey() {
        return keys.publicKey();
    }

    public GatewaySettings settings() {
        return settings;
    }

    public Merchants merchants() {
        return merchants;
    }

    public SandboxClock clock() {
        return clock;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** The outbox products queue their notifications in; open to tools that drive the engine directly. */
    public Notifier notifier() {
        return outbox;
    }

    public Optional<DemoMerchant> demoMerchant() {
        return demoMerchant;
    }

    /** The notification log: every notification, its exact body and attempts; resend. */
    public Notifications notifications() {
        return notifications;
    }

    /** Every product's transactions: the list and detail operators read in the admin API and the console. */
    public Transactions transactions() {
        return transactions;
    }

    /** The exchange-rate table that prices foreign-currency orders. */
    public RateTable rates() {
        return rates;
    }

    /** The running instance of a registered product. */
    public <T extends Product> T product(Class<T> type) {
        return products.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no product " + type.getSimpleName() + " is registered"));
    }

    /** Online banking orders: start, the bank's answer, look up. */
    public OnlineBankingPayments onlineBanking() {
        return product(OnlineBankingProduct.class).payments();
    }

    /** Refunds: apply, look up, and the bank's answers. */
    public Refunds refunds() {
        return product(RefundProduct.class).refunds();
    }

    /** The channels that are sandbox stand-ins; in production mode only when the settings allow them. */
    public List<Channel> sandboxChannels() {
        return sandboxChannels;
    }

    /** The SMS gateway products text payers' verification codes through: the sandbox's, whose inbox keeps them. */
    public SmsChannel sms() {
        return sms;
    }

    /** The sandbox bank, which settles the payouts it holds when told to. */
    public SandboxBank sandboxBank() {
        return bank;
    }

    /**
     * Moves the sandbox clock forward and runs what became due, as {@code POST /sandbox/clock/advance} does:
     * closing unconfirmed payouts, bank settlements, notification retries, the settlement of ended business
     * days and the report files due. Sandbox mode only.
     */
    public Instant advanceClock(Duration by) {
        if (!settings.mode().isSandbox()) {
            throw new IllegalStateException("only a sandbox gateway's clock can be moved");
        }
        clock.advance(by);
        afterClockMove();
        return clock.instant();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
            http = null;
        }
        sweeper.shutdownNow();
        merchantDemo.close();
        clusterWakeUps.ifPresent(ClusterWakeUps::close);
        clusterAnnouncer.ifPresent(ClusterAnnouncer::close);
        dispatcher.close();
        bank.close();
        metrics.close();
        database.close();
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
