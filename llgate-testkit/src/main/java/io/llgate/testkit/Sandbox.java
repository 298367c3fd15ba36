package io.llgate.testkit;

import io.llgate.client.LlGateClient;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.ResultPay;
import io.llgate.client.notify.Notification;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.client.notify.RefundNotification;
import io.llgate.client.RefundState;
import io.llgate.server.refund.Refund;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.merchant.Product;
import io.llgate.server.merchant.TopUpReference;
import io.llgate.server.notify.Notifications;
import io.llgate.server.notify.NotifyChaos;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A sandbox gateway running in this JVM for one test class: its merchant, a client configured for it, the
 * merchant-side receiver that captures every notification and browser return, the payer's browser for online
 * banking, and the sandbox's controls (settle held payouts, complete online banking orders, move the clock, resend
 * notifications). Start one with {@link LlGateSandbox} or {@link #start(SandboxOptions)}.
 */
public final class Sandbox implements AutoCloseable {
    /** How long the {@code await} methods wait unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final String BANK_GATEWAY = "/payment/bankgateway.htm";

    private static final System.Logger log = System.getLogger(Sandbox.class.getName());

    private final Gateway gateway;
    private final DatabaseSettings database;
    private final String oidPartner;
    private final KeyPair merchantKeys;
    private final LlGateClient client;
    private final NotificationVerifier verifier;
    private final MerchantReceiver receiver;
    private final PayerBrowser browser = new PayerBrowser();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, OnlineBankingCompletion> completions = new ConcurrentHashMap<>();
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
                    RsaKeys.pem(merchantKeys.getPublic()), EnumSet.allOf(Product.class), IpAllowList.any(),
                    options.balanceFen()));
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            Sandbox sandbox = new Sandbox(gateway, database, oidPartner, merchantKeys, startup);
            log.log(Level.INFO, "LLGate sandbox started in {0} ms at {1} for merchant {2}",
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

    /** The first verified notification about the order that reached the receiver, waiting for it if need be. */
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
        return await(wait, () -> {
            for (ReceivedNotification r : receiver.requests()) {
                if (!r.noOrder().map(noOrder::equals).orElse(false)) {
                    continue;
                }
                if (r.rejection().isPresent()) {
                    throw new AssertionError("a notification about " + noOrder + " did not verify: "
                            + r.rejection().get() + "\n" + r.text());
                }
                Notification n = r.notification().orElseThrow();
                if (n instanceof PaymentNotification p && (result == null || p.resultPay() == result)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }, () -> "no notification about " + noOrder + (result == null ? "" : " with result " + result)
                + " reached the receiver" + whatWasSent(noOrder));
    }

    /**
     * The first verified notification about the refund with this result that reached the receiver ({@code null}:
     * any), waiting for it if need be.
     */
    public RefundNotification awaitRefundNotification(String noRefund, RefundState state) {
        return await(DEFAULT_WAIT, () -> {
            for (ReceivedNotification r : receiver.requests()) {
                if (!r.noOrder().map(noRefund::equals).orElse(false)) {
                    continue;
                }
                if (r.rejection().isPresent()) {
                    throw new AssertionError("a notification about " + noRefund + " did not verify: "
                            + r.rejection().get() + "\n" + r.text());
                }
                if (r.notification().orElseThrow() instanceof RefundNotification n
                        && (state == null || n.staRefund() == state)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }, () -> "no notification about refund " + noRefund + (state == null ? "" : " with sta_refund " + state)
                + " reached the receiver" + whatWasSent(noRefund));
    }

    /** The requests about the order that reached the receiver, once there are at least {@code count}. */
    public List<ReceivedNotification> awaitAttempts(String noOrder, int count) {
        return await(DEFAULT_WAIT, () -> {
            List<ReceivedNotification> about = receiver.requests().stream()
                    .filter(r -> r.noOrder().map(noOrder::equals).orElse(false)).toList();
            return about.size() >= count ? Optional.of(about) : Optional.empty();
        }, () -> "fewer than " + count + " requests about " + noOrder + " reached the receiver" + whatWasSent(noOrder));
    }

    /** What the gateway sent about the order, to any URL, oldest first, with every attempt. */
    public List<SentNotification> sentNotifications(String noOrder) {
        Notifications notifications = gateway.notifications();
        return notifications.list(new Notifications.Filter(oidPartner, noOrder, null, null, null, null), 1000).stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .map(n -> SentNotification.of(notifications.find(n.id()).orElseThrow()))
                .toList();
    }

    /** The first notification about the order that satisfies {@code until}, waiting for it if need be. */
    public SentNotification awaitSentNotification(String noOrder, Predicate<SentNotification> until) {
        return await(DEFAULT_WAIT, () -> sentNotifications(noOrder).stream().filter(until).findFirst(),
                () -> "no notification about " + noOrder + " got there" + whatWasSent(noOrder));
    }

    /** Sends the order's latest notification again, byte for byte, as a network hiccup would. */
    public void resendNotification(String noOrder) {
        List<SentNotification> sent = sentNotifications(noOrder);
        if (sent.isEmpty()) {
            throw new IllegalStateException("the gateway sent nothing about " + noOrder + " yet");
        }
        long id = sent.get(sent.size() - 1).id();
        if (gateway.notifications().resend(id).filter(Notifications.Change::made).isEmpty()) {
            throw new IllegalStateException("notification " + id + " about " + noOrder + " was cancelled");
        }
    }

    /**
     * Makes the merchant's notifications misbehave from now on, the ways LianLian warns they can: each one
     * delivered twice ({@code DUPLICATE}), held back up to {@code delay} so orders arrive out of order
     * ({@code SHUFFLE}), or first attempted only after {@code delay} ({@code LATE}); {@code NONE} stops it.
     */
    public void notifyChaos(NotifyChaos.Mode mode, Duration delay) {
        gateway.merchants().update(oidPartner, null, null, null, null, new NotifyChaos(mode, delay));
    }

    /**
     * Settles a payout the sandbox bank holds (cards ending {@code 0002}) as paid or failed; the merchant is
     * then notified. Fails when the bank holds no such payout.
     */
    public void resolvePayout(String oidPaybill, boolean success) {
        if (!gateway.sandboxBank().resolve(oidPaybill, success)) {
            throw new IllegalStateException("the sandbox bank holds no payout " + oidPaybill
                    + " (only payouts to cards ending 0002 wait to be resolved)");
        }
    }

    /**
     * Answers a refund the sandbox bank holds (amounts ending {@code .92}), by its {@code no_refund}: returned to
     * the payer, or refused; the merchant is then notified. Fails when the bank holds no such refund.
     */
    public void resolveRefund(String noRefund, boolean success) {
        String oidRefundno = gateway.refunds().byReference(noRefund, Optional.of(oidPartner)).stream()
                .map(Refund::oidRefundno)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the merchant has no refund " + noRefund));
        if (!gateway.sandboxBank().resolve(oidRefundno, success)) {
            throw new IllegalStateException("the sandbox bank holds no refund " + noRefund
                    + " (only refunds of amounts ending .92 wait to be resolved)");
        }
    }

    /**
     * The payer's browser posts the signed form to the gateway, as the page {@link OnlineBankingForm#html()} would:
     * the order then waits at the cashier, or at the bank when the form names one. Answers the order and the page the
     * gateway sends the browser to; fails when the gateway refuses the form, with its return code and the field at fault.
     */
    public OnlineBankingStart startOnlineBanking(OnlineBankingForm form) {
        return startOnlineBanking(form.html());
    }

    /**
     * As {@link #startOnlineBanking(OnlineBankingForm)}, from the merchant's checkout page as the browser received it:
     * the page's form that posts to the gateway's {@code /payment/bankgateway.htm} is read and submitted in the charset
     * it declares ({@code accept-charset}, else the page's {@code <meta>} charset).
     */
    public OnlineBankingStart startOnlineBanking(String checkoutPage) {
        URI page = baseUri().resolve("/");
        HtmlForm form = HtmlForm.find(checkoutPage, page, HtmlForm.declaredIn(checkoutPage),
                        f -> f.action().getPath().endsWith(BANK_GATEWAY))
                .orElseThrow(() -> new IllegalArgumentException("the page has no form that posts to " + BANK_GATEWAY));
        PayerBrowser.Page answer = browser.submit(form);
        if (answer.status() != 303 || answer.next().isEmpty()) {
            throw new AssertionError("the gateway refused the online banking form: "
                    + answer.textOf("ret_code").orElse("HTTP " + answer.status()) + " "
                    + answer.textOf("ret_msg").orElse("") + answer.textOf("field").map(f -> " (field " + f + ")").orElse("")
                    + answer.textOf("sign_source").map(source -> "\nthe gateway verified the sign source: " + source)
                    .orElse(""));
        }
        return new OnlineBankingStart(form.fields().get("no_order"), answer.next().get());
    }

    /**
     * The sandbox bank pays a waiting online banking order (by {@code no_order} or {@code oid_paybill}), through the
     * gateway's sandbox control, and the payer's browser goes on as it would: to the gateway's return page, which
     * posts the signed result to the order's {@code url_return} (once; {@link #awaitReturn} reads it at
     * {@link #returnUrl()}). The merchant is notified at its {@code notify_url}. Fails when the order is not waiting.
     */
    public OnlineBankingCompletion approveOnlineBanking(String noOrder) {
        return completeOnlineBanking(noOrder, true);
    }

    /** The sandbox bank declines a waiting online banking order: it fails, with no notification and no return. */
    public OnlineBankingCompletion declineOnlineBanking(String noOrder) {
        return completeOnlineBanking(noOrder, false);
    }

    /**
     * The verified synchronous return about the order that reached {@link #returnUrl()}, waiting for it if need be.
     * Fails at once when a return about the order did not verify.
     */
    public PaymentNotification awaitReturn(String noOrder) {
        return awaitReturn(noOrder, DEFAULT_WAIT);
    }

    /** As {@link #awaitReturn(String)}, waiting at most {@code wait}. */
    public PaymentNotification awaitReturn(String noOrder, Duration wait) {
        return await(wait, () -> {
            for (ReceivedReturn r : receiver.returns()) {
                if (!r.noOrder().map(noOrder::equals).orElse(false)) {
                    continue;
                }
                if (r.rejection().isPresent()) {
                    throw new AssertionError("a return about " + noOrder + " did not verify: " + r.rejection().get()
                            + "\n" + r.text());
                }
                return r.payment();
            }
            return Optional.empty();
        }, () -> "no return about " + noOrder + " reached " + returnUrl() + whyNoReturn(noOrder));
    }

    /** Moves the gateway's clock forward and runs what became due: closing unconfirmed payouts, retries. */
    public Instant advanceClock(Duration by) {
        return gateway.advanceClock(by);
    }

    /** The gateway's time, moved clock included. */
    public Instant now() {
        return gateway.clock().instant();
    }

    /** Adds to the merchant's available balance. */
    public void topUp(long fen) {
        gateway.merchants().topUp(oidPartner, fen, TopUpReference.generated());
    }

    private OnlineBankingCompletion completeOnlineBanking(String reference, boolean paid) {
        String control = "/sandbox/online-banking/" + URLEncoder.encode(reference, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/complete";
        String body = FlatJson.write(Map.of("result", paid ? "paid" : "declined", "oid_partner", oidPartner));
        Map<String, String> answer = adminPost(control, body);
        Optional<URI> returnPage = Optional.ofNullable(answer.get("return_page")).map(baseUri()::resolve);
        Optional<OnlineBankingCompletion.Returned> returned = returnPage.flatMap(this::returnToMerchant);
        OnlineBankingCompletion completion = new OnlineBankingCompletion(answer.get("no_order"), answer.get("oid_paybill"),
                ResultPay.of(answer.get("result_pay")).orElseThrow(), returnPage, returned);
        completions.put(completion.noOrder(), completion);
        return completion;
    }

    /**
     * The payer's browser at the gateway's return page: on the first visit the page holds the signed form, which
     * it posts to url_return; a later visit holds none, and nothing is posted.
     */
    private Optional<OnlineBankingCompletion.Returned> returnToMerchant(URI returnPage) {
        PayerBrowser.Page page = browser.open(returnPage);
        Optional<HtmlForm> form = HtmlForm.find(page.html(), page.uri(), page.charset(), f -> f.method().equals("post"));
        return form.map(f -> {
            PayerBrowser.Page merchantPage = browser.submit(f);
            return new OnlineBankingCompletion.Returned(f.action(), merchantPage.status(), merchantPage.contentType(),
                    merchantPage.html());
        });
    }

    /** A sandbox control, as an operator calls it: JSON with the admin token. */
    private Map<String, String> adminPost(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> answer = FlatJson.parse(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered HTTP " + response.statusCode() + ": "
                        + answer.getOrDefault("error", response.body()));
            }
            return answer;
        } catch (MalformedMessageException e) {
            throw new IllegalStateException(path + " did not answer JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path + " was interrupted", e);
        }
    }

    private String whyNoReturn(String noOrder) {
        OnlineBankingCompletion completion = completions.get(noOrder);
        if (completion == null) {
            return "; the sandbox has not completed the order (approveOnlineBanking)";
        }
        if (completion.resultPay() != ResultPay.SUCCESS) {
            return "; the order was declined, and only a paid order returns";
        }
        if (completion.returnPage().isEmpty()) {
            return "; the order has no url_return, or its bank does not send payers back (ICBC)";
        }
        return completion.returned().map(r -> "; the return page posted it to " + r.urlReturn() + ", which answered HTTP "
                + r.status()).orElse("; the return page had already been visited and posted nothing");
    }

    /** Stops the receiver and the gateway, frees the in-memory database and gives the merchant's keys back. */
    @Override
    public void close() {
        receiver.close();
        browser.close();
        http.close();
        client.close();
        gateway.close();
        // An in-memory H2 database kept open between connections lives until it is shut down.
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.log(Level.DEBUG, "the sandbox database was already gone", e);
        }
        TestKeys.shared().giveBack(merchantKeys);
    }

    private String whatWasSent(String noOrder) {
        List<SentNotification> sent = sentNotifications(noOrder);
        if (sent.isEmpty()) {
            return "; the gateway has sent nothing about it";
        }
        return "; the gateway sent:\n" + sent.stream().map(n -> "  #" + n.id() + " " + n.result() + " to " + n.url()
                + ", " + n.status() + ", attempts: " + n.attempts().stream()
                .map(a -> a.outcome() + (a.httpStatus().isPresent() ? " " + a.httpStatus().getAsInt() : ""))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n"));
    }

    private static <T> T await(Duration wait, Supplier<Optional<T>> probe, Supplier<String> failure) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + wait.toMillis() + " ms: " + failure.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
