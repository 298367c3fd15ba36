package io.llgate.testkit;

import io.llgate.client.LlGateClient;
import io.llgate.client.ResultPay;
import io.llgate.client.notify.ExchangeNotification;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.merchant.TopUpReference;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.preauth.PreAuths;
import io.llgate.server.store.DatabaseSettings;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A sandbox gateway running in this JVM for one test class: its merchant, a client configured for it, the
 * merchant-side receiver that captures every notification and browser return, the gateway's clock and notification
 * log, and one set of controls per product: {@link #payouts()}, {@link #onlineBanking()}, {@link #easypayPages()},
 * {@link #refunds()}. Start
 * one with {@link LlGateSandbox} or {@link #start(SandboxOptions)}. The controls drive the gateway through its admin
 * and sandbox HTTP APIs, as an operator would.
 */
public final class Sandbox implements AutoCloseable {
    /** How long the {@code await} methods wait unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private static final System.Logger logger = System.getLogger(Sandbox.class.getName());

    private final Gateway gateway;
    private final DatabaseSettings database;
    private final String oidPartner;
    private final KeyPair merchantKeys;
    private final LlGateClient client;
    private final NotificationVerifier verifier;
    private final MerchantReceiver receiver;
    private final PayerBrowser browser = new PayerBrowser();
    private final GatewayApi api;
    private final NotificationLog log;
    private final PayoutControls payouts;
    private final OnlineBankingControls onlineBanking;
    private final EasypayPageControls easypayPages;
    private final RefundControls refunds;
    private final CardControls cards;
    private final RateControls rates;
    private final Duration startupTime;

    private Sandbox(Gateway gateway, DatabaseSettings database, String oidPartner, KeyPair merchantKeys,
                    Duration startupTime) {
        this.gateway = gateway;
        this.database = database;
        this.oidPartner = oidPartner;
        this.merchantKeys = merchantKeys;
        this.client = LlGateClient.builder()
                .baseUri(gateway.baseUri())
                .oidPartner(oidPartner)
                .merchantPrivateKey(merchantKeys.getPrivate())
                .gatewayPublicKey(gateway.publicKey())
                // Forms are stamped with the gateway's time, which advanceClock moves.
                .clock(gateway.clock())
                .build();
        this.verifier = client.notificationVerifier();
        this.receiver = new MerchantReceiver(verifier, gateway.clock());
        this.api = new GatewayApi(gateway.baseUri(), gateway.settings().adminToken());
        this.log = new NotificationLog(api, oidPartner);
        this.payouts = new PayoutControls(api);
        this.onlineBanking = new OnlineBankingControls(api, browser, receiver, gateway.baseUri(), oidPartner);
        this.refunds = new RefundControls(api, receiver, log, oidPartner);
        this.cards = new CardControls(api, client);
        this.easypayPages = new EasypayPageControls(browser, cards);
        this.rates = new RateControls(api);
        this.startupTime = startupTime;
    }

    /** A sandbox with the default options. */
    public static Sandbox start() {
        return start(SandboxOptions.defaults());
    }

    /**
     * Starts a gateway on a random loopback port with a private in-memory database, and registers a merchant
     * with every product, the opening balance and a key pair no other running sandbox has.
     */
    public static Sandbox start(SandboxOptions options) {
        long started = System.nanoTime();
        TestKeys keys = TestKeys.shared();
        DatabaseSettings database = DatabaseSettings.inMemory("llgate_sandbox_" + UUID.randomUUID().toString().replace("-", ""));
        NotifyPolicy policy = new NotifyPolicy(options.notifyInterval(), options.notifyAttempts(),
                options.notifyTimeout(), 8, Duration.ofMillis(50), 64);
        // The data directory holds only the demo merchant's files, and a sandbox has no demo merchant.
        GatewaySettings settings = GatewaySettings.sandbox(Path.of(System.getProperty("java.io.tmpdir")), 0)
                .withDatabase(database)
                .withNotifyPolicy(policy)
                .withBankDelay(options.bankDelay())
                .withDemoMerchant(false)
                .withImportedGatewayKey(keys.gateway().getPrivate());
        KeyPair merchantKeys = keys.lend();
        Gateway gateway = null;
        try {
            gateway = Gateway.start(settings);
            String oidPartner = "2099" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
            gateway.merchants().add(new NewMerchant(oidPartner, "LLGate testkit merchant",
                    RsaKeys.pem(merchantKeys.getPublic()), gateway.merchants().catalogue().granted(), IpAllowList.any(),
                    options.balanceFen()));
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            Sandbox sandbox = new Sandbox(gateway, database, oidPartner, merchantKeys, startup);
            logger.log(Level.INFO, "LLGate sandbox started in {0} ms at {1} for merchant {2}",
                    startup.toMillis(), gateway.baseUri(), oidPartner);
            return sandbox;
        } catch (RuntimeException e) {
            if (gateway != null) {
                gateway.close();
            }
            keys.giveBack(merchantKeys);
            throw e;
        }
    }

    /** A client for the sandbox's merchant, on the gateway's clock; shared, so do not close it. */
    public LlGateClient client() {
        return client;
    }

    /** The merchant's {@code oid_partner}. */
    public String oidPartner() {
        return oidPartner;
    }

    /** The merchant's key pair: the private key signs requests, the public key is registered with the gateway. */
    public KeyPair merchantKeys() {
        return merchantKeys;
    }

    /** The gateway's public key, which verifies its answers and notifications and encrypts {@code pay_load}. */
    public PublicKey gatewayPublicKey() {
        return gateway.publicKey();
    }

    /** The gateway's base URL, for a client of the test's own making. */
    public URI baseUri() {
        return gateway.baseUri();
    }

    /** The bearer token of the gateway's admin and sandbox HTTP APIs. */
    public String adminToken() {
        return gateway.settings().adminToken();
    }

    /** A verifier of this merchant's notifications. */
    public NotificationVerifier notificationVerifier() {
        return verifier;
    }

    /** How long {@link #start} took, from nothing to a registered merchant. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The receiver's URL: a {@code notify_url} whose requests {@link #received()} captures. */
    public String notifyUrl() {
        return receiver.url();
    }

    /** The merchant-side receiver, to make it fail, answer slowly or answer something else. */
    public MerchantReceiver receiver() {
        return receiver;
    }

    /** Every request the receiver got: every attempt of every notification, with headers. */
    public List<ReceivedNotification> received() {
        return receiver.requests();
    }

    /** The receiver's URL for browser returns: a {@code url_return} whose returns {@link #returns()} captures. */
    public String returnUrl() {
        return receiver.returnUrl();
    }

    /** Every browser return that reached the receiver's {@link #returnUrl()}. */
    public List<ReceivedReturn> returns() {
        return receiver.returns();
    }

    /** Instant payments: settle the payouts the sandbox bank holds. */
    public PayoutControls payouts() {
        return payouts;
    }

    /** Online banking: the payer's browser at the gateway, the sandbox bank's answer, the browser's return. */
    public OnlineBankingControls onlineBanking() {
        return onlineBanking;
    }

    /** Card payments on the gateway's pages: the payer's browser through bank, card, SMS code and back. */
    public EasypayPageControls easypayPages() {
        return easypayPages;
    }

    /** Refunds: answer the refunds the sandbox bank holds, and wait for a refund's notification. */
    public RefundControls refunds() {
        return refunds;
    }

    /** Card payments: the SMS codes texted to a mobile, a test card bound in one call, a pending charge's answer. */
    public CardControls cards() {
        return cards;
    }

    /** Exchange rates: set the rate exchange payments are priced at, read the one in force. */
    public RateControls rates() {
        return rates;
    }

    /**
     * The first verified notification about the order that reached the receiver, waiting for it if need be: a
     * payout's or a pay-in's result.
     */
    public PaymentNotification awaitNotification(String noOrder) {
        return awaitNotification(noOrder, null, DEFAULT_WAIT);
    }

    /** The first verified notification about the order with this result, e.g. the {@code CANCEL} after a success. */
    public PaymentNotification awaitNotification(String noOrder, ResultPay result) {
        return awaitNotification(noOrder, result, DEFAULT_WAIT);
    }

    /**
     * As {@link #awaitNotification(String, ResultPay)}, with any result when {@code result} is null. Fails at once
     * when a request about the order did not verify: a test must not wait out a notification it cannot believe.
     */
    public PaymentNotification awaitNotification(String noOrder, ResultPay result, Duration wait) {
        return Waiting.until(wait, () -> receiver.firstVerified(noOrder, PaymentNotification.class,
                        p -> result == null || p.resultPay() == result),
                () -> "no notification about " + noOrder + (result == null ? "" : " with result " + result)
                        + " reached the receiver" + log.whatWasSent(noOrder));
    }

    /**
     * The first verified exchange payment notification about the order that reached the receiver (spec 23 §6),
     * waiting for it if need be: the payment's result and the price it was paid at.
     */
    public ExchangeNotification awaitExchangeNotification(String noOrder) {
        return Waiting.until(DEFAULT_WAIT, () -> receiver.firstVerified(noOrder, ExchangeNotification.class, n -> true),
                () -> "no exchange payment notification about " + noOrder + " reached the receiver"
                        + log.whatWasSent(noOrder));
    }

    /**
     * The requests about the order (a refund's {@code no_refund}) that reached the receiver, once there are at least
     * {@code count}.
     */
    public List<ReceivedNotification> awaitAttempts(String noOrder, int count) {
        return Waiting.until(DEFAULT_WAIT, () -> {
            List<ReceivedNotification> about = receiver.requests().stream()
                    .filter(r -> r.noOrder().map(noOrder::equals).orElse(false)).toList();
            return about.size() >= count ? Optional.of(about) : Optional.empty();
        }, () -> "fewer than " + count + " requests about " + noOrder + " reached the receiver"
                + log.whatWasSent(noOrder));
    }

    /** What the gateway sent about the order, to any URL, oldest first, with every attempt. */
    public List<SentNotification> sentNotifications(String noOrder) {
        return log.about(noOrder);
    }

    /** The first notification about the order that satisfies {@code until}, waiting for it if need be. */
    public SentNotification awaitSentNotification(String noOrder, Predicate<SentNotification> until) {
        return log.await(noOrder, until, DEFAULT_WAIT);
    }

    /** Sends the order's latest notification again, byte for byte, as a network hiccup would. */
    public void resendNotification(String noOrder) {
        log.resendLatest(noOrder);
    }

    /**
     * Makes the merchant's notifications misbehave from now on, the ways LianLian warns they can: each one
     * delivered twice ({@code DUPLICATE}), held back up to {@code delay} so orders arrive out of order
     * ({@code SHUFFLE}), or first attempted only after {@code delay} ({@code LATE}); {@code NONE} stops it.
     */
    public void notifyChaos(NotificationChaos mode, Duration delay) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("notify_chaos", mode.id());
        change.put("notify_chaos_delay", delay.toString());
        api.patch("/admin/merchants/" + GatewayApi.segment(oidPartner), change);
    }

    /** Moves the gateway's clock forward and runs what became due: closing unconfirmed payouts, retries. */
    public Instant advanceClock(Duration by) {
        return gateway.advanceClock(by);
    }

    /**
     * Moves the gateway's clock past the hold of every pre-authorization made until now ({@code pay_type} {@code F},
     * 30 days), so that those neither captured nor cancelled expire: their status query answers {@code 2006}, and
     * capture or cancel is refused.
     */
    public Instant advancePastPreAuthorizationHold() {
        return advanceClock(PreAuths.HOLD.plusSeconds(1));
    }

    /** The gateway's time, moved clock included. */
    public Instant now() {
        return gateway.clock().instant();
    }

    /** Adds to the merchant's available balance. */
    public void topUp(long fen) {
        gateway.merchants().topUp(oidPartner, fen, TopUpReference.generated());
    }

    /** Stops the receiver and the gateway, frees the in-memory database and gives the merchant's keys back. */
    @Override
    public void close() {
        receiver.close();
        browser.close();
        api.close();
        client.close();
        gateway.close();
        // An in-memory H2 database kept open between connections lives until it is shut down.
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            logger.log(Level.DEBUG, "the sandbox database was already gone", e);
        }
        TestKeys.shared().giveBack(merchantKeys);
    }
}
