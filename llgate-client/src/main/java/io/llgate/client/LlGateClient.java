package io.llgate.client;

import io.llgate.client.notify.NotificationTypes;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A merchant's client for the LianLian merchant API as LLGate serves it: signs every request with the
 * merchant's key, seals {@code pay_load} for the gateway where the API needs it, and verifies every answer's
 * signature with the gateway's public key, so an answer it returns is one the gateway really gave.
 * Thread-safe; make one per merchant and share it.
 */
public final class LlGateClient implements AutoCloseable {
    static final String BALANCE = "/traderAcctQuery.htm";

    private final String baseUri;
    private final String oidPartner;
    private final PrivateKey merchantKey;
    private final PublicKey gatewayKey;
    private final SignType signType;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final Duration requestTimeout;
    private final Clock clock;
    private final InstantPayments instantPayments;
    private final Refunds refunds;
    private final PreAuthorizations preAuthorizations;
    private final OnlineBanking onlineBanking;
    private final EasypayPages easypayPages;
    private final CardBins cardBins;
    private final SupportBanks supportBanks;
    private final BranchNumbers branchNumbers;
    private final CardBinding cardBinding;
    private final Easypay easypay;
    private final Mpay mpay;
    private final Exchange exchange;

    private LlGateClient(Builder b) {
        this.baseUri = b.baseUri;
        this.oidPartner = b.oidPartner;
        // Once here, not on every request: the native RSA provider converts an unprepared key per operation.
        this.merchantKey = RsaEngine.current().prepare(b.merchantKey);
        this.gatewayKey = b.gatewayKey;
        this.signType = b.signType;
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.instantPayments = new InstantPayments(this);
        this.refunds = new Refunds(this);
        this.onlineBanking = new OnlineBanking(this);
        this.easypayPages = new EasypayPages(this);
        this.cardBins = new CardBins(this);
        this.supportBanks = new SupportBanks(this);
        this.branchNumbers = new BranchNumbers(this);
        this.preAuthorizations = new PreAuthorizations(this);
        this.cardBinding = new CardBinding(this);
        this.easypay = new Easypay(this);
        this.mpay = new Mpay(this);
        this.exchange = new Exchange(this);
    }

    /** A builder; base URL, {@code oid_partner}, the merchant's private key and the gateway's public key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Instant payment: payouts to bank cards. */
    public InstantPayments instantPayments() {
        return instantPayments;
    }

    /** Online banking: the signed form for the payer's browser, and the result query. */
    public OnlineBanking onlineBanking() {
        return onlineBanking;
    }

    /** Card payments on the gateway's pages: the signed WEB and H5 forms, and the verified browser returns. */
    public EasypayPages easypayPages() {
        return easypayPages;
    }

    /** Refunds of successful payments. */
    public Refunds refunds() {
        return refunds;
    }

    /** Credit cards' pre-authorizations: capture, cancel and status query. */
    public PreAuthorizations preAuthorizations() {
        return preAuthorizations;
    }

    /** Easy payment's direct API: card payments verified with the payer's SMS code. */
    public Easypay easypay() {
        return easypay;
    }

    /** MPAY, LianLian's direct card payment over the {@code /v1/} API: bind, pay and verify with SMS codes. */
    public Mpay mpay() {
        return mpay;
    }

    /** Exchange payment: yuan card payments of orders priced in foreign currencies. */
    public Exchange exchange() {
        return exchange;
    }

    /** The card BIN query: the bank and kind of a card. */
    public CardBins cardBins() {
        return cardBins;
    }

    /** The support bank query: the banks a collection product accepts, with their limits. */
    public SupportBanks supportBanks() {
        return supportBanks;
    }

    /** The branch number query: the large-value (CNAPS) numbers of a bank's branches. */
    public BranchNumbers branchNumbers() {
        return branchNumbers;
    }

    /** Card binding: bind a payer's card with an SMS code, list the payer's bindings, unbind one. */
    public CardBinding cardBinding() {
        return cardBinding;
    }

    /** The merchant's available and unsettled balances ({@code /traderAcctQuery.htm}). */
    public Balance balance() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_version", "1.0");
        VerifiedMessage reply = Replies.success(BALANCE, call(BALANCE, Envelope.PLAIN, fields));
        return new Balance(Replies.balanceFen(BALANCE, reply, "amt_balance"),
                Replies.balanceFen(BALANCE, reply, "amt_unsettle"), reply);
    }

    /** A verifier of this merchant's notifications and browser returns, with the same gateway key. */
    public NotificationVerifier notificationVerifier() {
        return new NotificationVerifier(gatewayKey, oidPartner);
    }

    /** As {@link #notificationVerifier()}, reading the kinds of notification registered in {@code types}. */
    public NotificationVerifier notificationVerifier(NotificationTypes types) {
        return new NotificationVerifier(gatewayKey, oidPartner, types);
    }

    /**
     * Any endpoint, for what has no typed call yet: adds {@code oid_partner} unless given, signs, sends in the
     * envelope, and answers the verified reply whatever its {@code ret_code}. Null and empty values are left out.
     * An unsigned refusal (the gateway could not identify the merchant) is a {@link LlGateReturnCodeException}.
     */
    public VerifiedMessage call(String path, Envelope envelope, Map<String, String> fields) {
        return call(path, envelope, fields, Set.of());
    }

    /** As {@link #call(String, Envelope, Map)}, for replies whose {@code unsignedReplyFields} follow {@code sign}. */
    VerifiedMessage call(String path, Envelope envelope, Map<String, String> fields, Set<String> unsignedReplyFields) {
        LinkedHashMap<String, String> signed = sign(fields);
        String body = FlatJson.write(signed);
        if (envelope == Envelope.PAY_LOAD) {
            LinkedHashMap<String, String> outer = new LinkedHashMap<>();
            outer.put("oid_partner", signed.get("oid_partner"));
            outer.put("pay_load", PayLoad.seal(gatewayKey, body));
            body = FlatJson.write(outer);
        }
        return verify(path, post(path, body), unsignedReplyFields);
    }

    /**
     * As {@link #call(String, Envelope, Map)} with plain JSON, for a reply whose list member {@code list} LianLian's
     * clients may or may not sign over (spec 14 D13): the signature is verified with the list as received first,
     * then without it.
     */
    VerifiedMessage callWithList(String path, Map<String, String> fields, String list) {
        return verifyWithList(path, post(path, FlatJson.write(sign(fields))), list);
    }

    private VerifiedMessage verifyWithList(String path, String text, String list) {
        try {
            return verify(path, text, Set.of());
        } catch (LlGateSignatureException e) {
            return verify(path, text, Set.of(list));
        }
    }

    /**
     * Plain JSON to the one endpoint whose {@code 0000} reply LianLian does not sign (the support bank query, spec 14
     * D11): the reply's fields when it is a {@code 0000}; a signed reply (a merchant's list signing can turn the
     * signature on) is verified first as {@link #callWithList} does, and any other code is a
     * {@link LlGateReturnCodeException}.
     */
    Map<String, String> callUnsignedReply(String path, Map<String, String> fields, String list) {
        String text = post(path, FlatJson.write(sign(fields)));
        Map<String, String> reply = parse(path, text);
        boolean signed = MessageSignature.field(reply, "sign").filter(v -> !v.isBlank()).isPresent();
        if (signed) {
            return Replies.success(path, verifyWithList(path, text, list)).fields();
        }
        String retCode = MessageSignature.field(reply, "ret_code").orElse("");
        if (!retCode.equals(Replies.SUCCESS)) {
            throw new LlGateReturnCodeException(path, retCode, MessageSignature.field(reply, "ret_msg").orElse(""),
                    false, reply);
        }
        return reply;
    }

    /**
     * The fields with {@code oid_partner} (first, unless placed), {@code sign_type} and {@code sign}; null and empty
     * values left out.
     */
    LinkedHashMap<String, String> sign(Map<String, String> fields) {
        LinkedHashMap<String, String> inner = new LinkedHashMap<>();
        if (!fields.containsKey("oid_partner")) {
            inner.put("oid_partner", oidPartner);
        }
        inner.putAll(fields);
        inner.putIfAbsent("oid_partner", oidPartner);
        return MessageSignature.sign(merchantKey, signType, inner);
    }

    /** The clock that stamps online banking forms. */
    Clock clock() {
        return clock;
    }

    /** The merchant this client calls as. */
    public String oidPartner() {
        return oidPartner;
    }

    /** The gateway's base URL, without a trailing slash. */
    public URI baseUri() {
        return URI.create(baseUri);
    }

    /** The key that verifies the gateway's answers and encrypts {@code pay_load}. */
    public PublicKey gatewayPublicKey() {
        return gatewayKey;
    }

    /** Closes the HTTP client the builder made; one given to the builder is left to its owner. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    private String post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new LlGateTransportException("no connection to " + baseUri + " within the connect timeout", e, null,
                    false);
        } catch (HttpTimeoutException e) {
            throw new LlGateTransportException(path + " did not answer within " + requestTimeout, e, null, true);
        } catch (ConnectException e) {
            throw new LlGateTransportException("cannot connect to " + baseUri + ": " + e.getMessage(), e, null, false);
        } catch (IOException e) {
            boolean refused = e.getCause() instanceof ConnectException;
            throw new LlGateTransportException((refused ? "cannot connect to " + baseUri : path + " failed") + ": " + e,
                    e, null, !refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlGateTransportException(path + " was interrupted", e, null, true);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new LlGateTransportException(path + " answered HTTP " + response.statusCode() + ": " + head(text),
                    null, response.statusCode(), true);
        }
        return text;
    }

    /** The reply if its signature verifies; an unsigned reply is believed only as a refusal. */
    private VerifiedMessage verify(String path, String text, Set<String> unsignedFields) {
        Map<String, String> fields = parse(path, text);
        String retCode = MessageSignature.field(fields, "ret_code").filter(v -> !v.isEmpty())
                .orElseThrow(() -> new LlGateProtocolException(path + " answered without ret_code", text));
        Optional<String> sign = MessageSignature.field(fields, "sign").filter(v -> !v.isBlank());
        if (sign.isEmpty()) {
            if (retCode.equals(Replies.SUCCESS)) {
                throw new LlGateSignatureException(path + " answered 0000 without a signature", text);
            }
            throw new LlGateReturnCodeException(path, retCode, MessageSignature.field(fields, "ret_msg").orElse(""),
                    false, fields);
        }
        SignType type = SignType.parse(MessageSignature.field(fields, "sign_type").orElse(null))
                .orElseThrow(() -> new LlGateSignatureException(path + " answered an unknown sign_type", text));
        // A field LianLian documents as unsigned may still be signed by a gateway set up for clients that sign it
        // (14 D13): the signature is tried without those fields first, then with them.
        if (!MessageSignature.verify(gatewayKey, type, fields, unsignedFields).valid()
                && (unsignedFields.isEmpty() || !MessageSignature.verify(gatewayKey, type, fields).valid())) {
            throw new LlGateSignatureException(path + " answered with a signature that does not verify with the "
                    + "gateway public key (is it the right key?)", text);
        }
        Optional<String> partner = MessageSignature.field(fields, "oid_partner");
        if (partner.isPresent() && !partner.get().isEmpty() && !partner.get().equals(oidPartner)) {
            throw new LlGateProtocolException(path + " answered for merchant " + partner.get(), text);
        }
        return new VerifiedMessage(fields, text);
    }

    private static Map<String, String> parse(String path, String text) {
        try {
            return FlatJson.parse(text);
        } catch (MalformedMessageException e) {
            throw new LlGateProtocolException(path + " answered something that is not a JSON object: " + head(text), text);
        }
    }

    private static String head(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Configures a {@link LlGateClient}. */
    public static final class Builder {
        private String baseUri;
        private String oidPartner;
        private PrivateKey merchantKey;
        private PublicKey gatewayKey;
        private SignType signType = SignType.RSA;
        private HttpClient http;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The gateway's base URL, e.g. {@code http://127.0.0.1:8080}; every path is appended to it. */
        public Builder baseUri(String uri) {
            String trimmed = uri == null ? "" : uri.trim().replaceAll("/+$", "");
            try {
                URI parsed = new URI(trimmed);
                boolean web = "http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme());
                if (!web || parsed.getHost() == null || parsed.getRawQuery() != null) {
                    throw new IllegalArgumentException("the base URL must be http or https with a host, not " + uri);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("the base URL is not a URL: " + uri, e);
            }
            this.baseUri = trimmed;
            return this;
        }

        /** The gateway's base URL. */
        public Builder baseUri(URI uri) {
            return baseUri(uri.toString());
        }

        /** The merchant's 18-digit {@code oid_partner}. */
        public Builder oidPartner(String oidPartner) {
            if (oidPartner == null || !oidPartner.matches("\\d{18}")) {
                throw new InvalidFieldException("oid_partner", "must be 18 digits");
            }
            this.oidPartner = oidPartner;
            return this;
        }

        /** The merchant's private key, which signs requests. */
        public Builder merchantPrivateKey(PrivateKey key) {
            this.merchantKey = key;
            return this;
        }

        /** The merchant's private key as PEM or base64, PKCS#8 or PKCS#1. */
        public Builder merchantPrivateKey(String keyText) {
            return merchantPrivateKey(RsaKeys.parsePrivate(keyText));
        }

        /** The gateway's public key: verifies answers and notifications, encrypts {@code pay_load}. */
        public Builder gatewayPublicKey(PublicKey key) {
            this.gatewayKey = key;
            return this;
        }

        /** The gateway's public key as PEM or base64 ({@code llgate gateway-key} prints it). */
        public Builder gatewayPublicKey(String keyText) {
            return gatewayPublicKey(RsaKeys.parsePublic(keyText));
        }

        /** {@code RSA} (MD5withRSA, the default and what LianLian documents) or {@code SHA256WITHRSA}. */
        public Builder signType(SignType type) {
            this.signType = type;
            return this;
        }

        /** An HTTP client of your own (proxy, TLS, executor); the connect timeout is then its own. */
        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        /** How long to wait for a connection; 5 seconds unless set. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /** How long one call may take in all; 30 seconds unless set. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout);
            return this;
        }

        /**
         * The clock that stamps online banking forms' {@code timestamp}, which the gateway wants within 30 minutes
         * of its own; the system clock unless set (a sandbox whose clock was moved needs its own).
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("the clock is required");
            }
            this.clock = clock;
            return this;
        }

        /** The client; throws IllegalStateException when a required setting is missing. */
        public LlGateClient build() {
            if (baseUri == null || oidPartner == null || merchantKey == null || gatewayKey == null || signType == null) {
                throw new IllegalStateException(
                        "baseUri, oidPartner, merchantPrivateKey, gatewayPublicKey and signType are required");
            }
            return new LlGateClient(this);
        }

        private static Duration positive(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive");
            }
            return timeout;
        }
    }
}
