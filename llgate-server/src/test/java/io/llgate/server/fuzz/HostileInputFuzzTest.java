package io.llgate.server.fuzz;

import io.llgate.server.Products;
import io.llgate.server.kernel.ProductIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.fuzz.MerchantEndpoints.Envelope;
import io.llgate.server.fuzz.MerchantEndpoints.Fixture;
import io.llgate.server.fuzz.MerchantEndpoints.Shape;
import io.llgate.server.http.ErrorReplies;
import io.llgate.server.http.Json;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Sends generated hostile input to every endpoint the gateway registered: the merchant API (JSON and the online
 * banking form), the admin and sandbox APIs, the payer's pages, and hostile headers and malformed HTTP to all
 * of them. For every request: no 5xx; the answer in the endpoint's documented shape (JSON with
 * {@code ret_code}, the admin API's {@code {"error"}}, or the HTML error page of the form); no stack trace or
 * Java name in it; nothing logged above WARN or with a throwable; and no table changed when the answer is a
 * refusal. Tries and seed: see {@link FuzzBudget}; {@code target/fuzz-findings-*.txt} lists what failed.
 */
@AddLifecycleHook(FuzzBudget.class)
class HostileInputFuzzTest {
    /**
     * Return codes that accept a request: a payout held for its confirm code, and an MPAY apply whose SMS code was
     * texted ({@code 8888}), are accepted, not refused.
     */
    private static final Set<String> ACCEPTING = Set.of("0000", "4002", "4003", "4004", "8888");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "Exception|\\bat (java|io|org|com|jdk)\\.|No enum constant|\\b(java|javax|jakarta|io\\.llgate|org\\.(h2|postgresql|"
                    + "jdbi|eclipse)|com\\.fasterxml)\\.[a-z]+");
    /** The answers to a wrong SMS code, which count the try (card_sms_code) although they refuse. */
    private static final Set<String> WRONG_CODE = Set.of("1900", "9702");
    private static final Pattern PAGE_RET_CODE = Pattern.compile("id=\"ret_code\">([^<]*)<");

    // One pair of gateways for the whole class: starting them per property or try would eat the time budget.
    private static FuzzRun run;

    @BeforeContainer
    static void start() {
        run = FuzzRun.start();
    }

    @AfterContainer
    static void stop() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    // ---- the endpoint list comes from the gateway ----

    @Example
    void everyRegisteredMerchantEndpointHasAShape() {
        List<String> registered = MerchantEndpoints.registered(run.merchantGateway());
        assertThat(registered).as("merchant endpoints found among the registered routes")
                .contains("/paymentapi/payment.htm", "/payment/bankgateway.htm", "/refund.htm");
        assertThat(registered.stream().filter(p -> MerchantEndpoints.shape(p).isEmpty()).toList())
                .as("registered merchant endpoints without a shape in MerchantEndpoints: add one so the fuzzer "
                        + "can send it valid requests with hostile values")
                .isEmpty();
    }

    @Example
    void theOperatorRoutesAreFuzzedFromTheRegisteredList() {
        assertThat(run.operatorRoutes()).extracting(Gateway.Route::path)
                .contains("/admin/merchants", "/admin/merchants/{oid}/topup", "/sandbox/clock/advance");
    }

    // ---- a sweep: every field of every endpoint with a few values that have broken gateways before ----

    /**
     * Values that each reach a different layer: a NUL inside otherwise valid text (the database driver), astral
     * characters within a field's length but beyond its column in UTF-16 units, over-long text, the text
     * {@code null}, control characters and injection text. Random tries rarely land one of these on each field.
     */
    /** A URL no resolver can connect to: its port is beyond 65535. A URL field must refuse it, whatever the mode. */
    private static final String OUT_OF_RANGE_PORT = "http://merchant.example.com:65536/notify";

    private static final List<Map.Entry<Op, String>> CANARIES = List.of(Map.entry(Op.APPEND, "\u0000"),
            Map.entry(Op.REPLACE, Hostile.EMOJI.repeat(20)), Map.entry(Op.REPLACE, Hostile.EMOJI.repeat(128)),
            Map.entry(Op.REPLACE, Hostile.EMOJI.repeat(200)), Map.entry(Op.REPLACE, "a".repeat(300)),
            Map.entry(Op.REPLACE, "null"), Map.entry(Op.APPEND, "\u0001\u001f"),
            Map.entry(Op.REPLACE, "'; DROP TABLE merchant;--<script>"),
            Map.entry(Op.REPLACE, OUT_OF_RANGE_PORT));


    @Example
    void everyFieldOfEveryMerchantEndpointWithCanaryValues() {
        List<Probe> failed = new ArrayList<>();
        for (String path : run.merchantPaths()) {
            for (String field : run.fieldNames(path)) {
                for (Map.Entry<Op, String> canary : CANARIES) {
                    ValueCase c = new ValueCase(path, field, canary.getKey(), canary.getValue());
                    LinkedHashMap<String, String> fields = run.shape(path).valid().apply(run.fixture());
                    apply(c, fields);
                    Probe probe = probe(run.merchantGateway(), kindOf(path), path, request(path, c.toString(),
                            signed(path, fields)));
                    if (probe.accepted() && field.endsWith("url") && c.value().equals(OUT_OF_RANGE_PORT)) {
                        probe.problems().add("accepted " + field + " with a port beyond 65535");
                        run.findings().record(kindOf(path) + " " + path, c.toString(), List.of(
                                "accepted " + field + " with a port beyond 65535"));
                    }
                    failed.add(probe);
                }
            }
        }
        assertNoneFailed(failed);
    }

    private static final List<String> ADMIN_CANARIES = List.of(Bodies.quote("x\u0000"), Bodies.quote("n".repeat(300)),
            "[" + String.join(",", java.util.Collections.nCopies(300, Bodies.quote("203.0.113.7"))) + "]",
            Bodies.quote("ZZ"), "[\"a\"]", "{\"a\":1}", "1e999999999", "-1", Bodies.quote(Hostile.EMOJI.repeat(100)));

    @Example
    void everyMemberOfEveryOperatorCallWithCanaryValues() {
        List<Probe> failed = new ArrayList<>();
        Gateway gateway = run.adminGateway();
        for (Gateway.Route route : run.operatorRoutes()) {
            if (!route.method().equals("POST") && !route.method().equals("PATCH")) {
                continue;
            }
            List<String> pathValues = AdminFields.pathParams(route.path()).stream().map(p -> run.victim()).toList();
            for (String member : AdminFields.bodyNames(route.path())) {
                for (String value : ADMIN_CANARIES) {
                    List<Map.Entry<String, String>> edits = List.of(Map.entry(member, value));
                    AdminCase c = new AdminCase(route, pathValues, List.of(), edits, null);
                    failed.add(probe(gateway, Target.OPERATOR, route.path(), RawHttp.request(route.method(),
                            AdminFields.path(route.path(), pathValues), Map.of("Authorization", "Bearer "
                                    + gateway.settings().adminToken(), "Content-Type", "application/json"),
                            AdminFields.body(route, edits, run).getBytes(StandardCharsets.UTF_8), c.toString())));
                }
            }
        }
        assertNoneFailed(failed);
    }

    private static void assertNoneFailed(List<Probe> probes) {
        List<Probe> failed = probes.stream().filter(p -> !p.problems().isEmpty()).toList();
        if (!failed.isEmpty() && !FuzzBudget.survey()) {
            fail("%d of %d requests failed; the first ones:%n%s", failed.size(), probes.size(),
                    String.join("\n", failed.stream().limit(30).map(Probe::toString).toList()));
        }
    }

    // ---- value-level hostility inside valid, signed requests ----

    enum Op { REPLACE, APPEND, PREPEND, REMOVE, ADD }

    /** One field of a valid request made hostile, then the request signed (and sealed) as a real merchant does. */
    record ValueCase(String path, String field, Op op, String value) {
        @Override
        public String toString() {
            return path + " " + op + " " + field + " = " + Bodies.quote(abbreviate(value));
        }
    }

    @Property
    @FuzzBudget.Tries(250)
    void signedRequestsWithHostileValues(@ForAll("valueCases") ValueCase c) {
        send(c.path(), c.toString(), f -> {
            LinkedHashMap<String, String> fields = run.shape(c.path()).valid().apply(f);
            apply(c, fields);
            return signed(c.path(), fields);
        });
    }

    @Property
    @FuzzBudget.Tries(60)
    void sealedPayoutApplyWithHostileInnerFields(@ForAll("payoutApplyCases") ValueCase c) {
        signedRequestsWithHostileValues(c);
    }

    @Provide
    Arbitrary<ValueCase> valueCases() {
        return Arbitraries.of(run.merchantPaths()).flatMap(this::valueCasesFor);
    }

    @Provide
    Arbitrary<ValueCase> payoutApplyCases() {
        return valueCasesFor("/paymentapi/payment.htm");
    }

    private Arbitrary<ValueCase> valueCasesFor(String path) {
        Arbitrary<String> field = Arbitraries.of(run.fieldNames(path));
        Arbitrary<String> extraName = Arbitraries.oneOf(Arbitraries.of("oid_partner ", "OID_PARTNER", " no_order",
                "sign_type", "__proto__", "a\u0000b", "", "x".repeat(300), Hostile.EMOJI, "memo", "bank_code",
                "risk_item", "pay_type", "oid_paybill", "no_agree"), Hostile.text());
        return Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(field, Hostile.text()).as((f, v) -> new ValueCase(path, f, Op.REPLACE, v))),
                Tuple.of(2, Combinators.combine(field, Arbitraries.of(Op.APPEND, Op.PREPEND), Hostile.text())
                        .as((f, op, v) -> new ValueCase(path, f, op, v))),
                Tuple.of(1, field.map(f -> new ValueCase(path, f, Op.REMOVE, ""))),
                Tuple.of(1, Combinators.combine(extraName, Hostile.text()).as((n, v) -> new ValueCase(path, n, Op.ADD, v))));
    }

    private static void apply(ValueCase c, LinkedHashMap<String, String> fields) {
        String current = fields.getOrDefault(c.field(), "");
        switch (c.op()) {
            case REPLACE, ADD -> fields.put(c.field(), c.value());
            case APPEND -> fields.put(c.field(), current + c.value());
            case PREPEND -> fields.put(c.field(), c.value() + current);
            case REMOVE -> fields.remove(c.field());
        }
    }

    /** The fields signed by the fixture's merchant and carried as the endpoint expects. */
    private static byte[] signed(String path, Map<String, String> fields) {
        TestMerchant merchant = run.fixture().merchant();
        LinkedHashMap<String, String> signed = merchant.sign(fields);
        String body = switch (run.shape(path).envelope()) {
            case PLAIN, FILE -> FlatJson.write(signed);
            case SEALED -> Bodies.sealed(run.merchantGateway().publicKey(), merchant.oidPartner(), FlatJson.write(signed));
            case FORM -> Bodies.form(signed);
            case H5_FORM -> Bodies.form(Map.of("req_data", FlatJson.write(signed)));
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    // ---- structure-level hostility ----

    enum Structure {
        TRUNCATED, GARBAGE, WRONG_TYPE, DEEP_VALUE, DEEP_BODY, HUGE_NUMBER, DUPLICATE_KEY, ONLY_PARTNER, UNSIGNED,
        OVERSIZED, FAR_OVERSIZED, INVALID_UTF8, BYTE_ORDER_MARK, UTF16, NOT_AN_OBJECT, EMPTY,
        SEALED_INNER_GARBAGE, SEALED_INNER_WRONG_TYPE, SEALED_PAY_LOAD_GARBAGE, SEALED_PAY_LOAD_WRONG_TYPE,
        SEALED_OTHER_PARTNER, FORM_GARBAGE
    }

    private static final List<Structure> FOR_JSON = Arrays.stream(Structure.values())
            .filter(s -> !s.name().startsWith("SEALED_") && s != Structure.FORM_GARBAGE).toList();
    private static final List<Structure> FOR_SEALED = Arrays.stream(Structure.values())
            .filter(s -> s != Structure.FORM_GARBAGE).toList();
    private static final List<Structure> FOR_FORM = List.of(Structure.TRUNCATED, Structure.GARBAGE,
            Structure.ONLY_PARTNER, Structure.UNSIGNED, Structure.OVERSIZED, Structure.FAR_OVERSIZED,
            Structure.INVALID_UTF8, Structure.BYTE_ORDER_MARK, Structure.UTF16, Structure.EMPTY, Structure.FORM_GARBAGE,
            Structure.DUPLICATE_KEY);

    private static final List<String> JSON_LITERALS = List.of("1", "-1", "0", "1.5", "-0", "0e0", "1e999999999",
            "-1e-999999999", "9".repeat(5000), "1" + "0".repeat(400) + ".5", "true", "false", "null", "[]", "[\"a\"]",
            "{}", "{\"a\":\"b\"}", "\"\\u0000\"", "\"\\ud800\"", "\"\\uD83D\\uDE00\"", "NaN", "'single'", "01",
            "\"a\" \"b\"", "[1,2,", "{\"a\":", "\"unterminated");

    private static final List<String> GARBAGE = List.of("{", "}", "{\"oid_partner\"", "{\"oid_partner\":}",
            "{\"oid_partner\":\"1\",}", "{'oid_partner':'1'}", "{\"oid_partner\":\"1\"}{}", "{\"oid_partner\":\"1\"/*c*/}",
            "\u0000", "<?xml version=\"1.0\"?><a/>", "oid_partner=1&sign=2", "{\"oid_partner\":\"1\",\"oid_partner\":\"2\"}",
            "%7B%7D", "\uFEFF\uFEFF{}", "{\"\\u0000\":\"\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "[{}]",
            "%", "a=%zz", "=&&=", "&&&&", "a", "charset_name=UTF-7&oid_partner=1", "charset_name=%00",
            "charset_name=GBK&name_goods=%FF%FF%FF", "oid_partner=%00");

    /** A body broken at the level of its syntax, types, size or encoding. */
    record StructureCase(String path, Structure kind, String field, String literal, int number) {
        @Override
        public String toString() {
            return path + " " + kind + " field=" + field + " literal=" + abbreviate(literal) + " n=" + number;
        }
    }

    @Property
    @FuzzBudget.Tries(200)
    void malformedBodies(@ForAll("structureCases") StructureCase c) {
        send(c.path(), c.toString(), f -> structureBody(c, f));
    }

    @Provide
    Arbitrary<StructureCase> structureCases() {
        return Arbitraries.of(run.merchantPaths()).flatMap(path -> {
            Envelope envelope = run.shape(path).envelope();
            List<Structure> kinds = switch (envelope) {
                case SEALED -> FOR_SEALED;
                case FORM, H5_FORM -> FOR_FORM;
                default -> FOR_JSON;
            };
            Arbitrary<String> literal = Arbitraries.oneOf(Arbitraries.of(JSON_LITERALS), Arbitraries.of(GARBAGE),
                    Hostile.text().map(Bodies::quote));
            return Combinators.combine(Arbitraries.of(kinds), Arbitraries.of(run.fieldNames(path)), literal,
                    Arbitraries.integers().between(0, 1_000_000)).as((k, f, l, n) -> new StructureCase(path, k, f, l, n));
        });
    }

    private static byte[] structureBody(StructureCase c, Fixture f) {
        Shape shape = run.shape(c.path());
        TestMerchant merchant = f.merchant();
        LinkedHashMap<String, String> fields = shape.valid().apply(f);
        byte[] valid = signed(c.path(), fields);
        boolean form = shape.envelope().isForm();
        boolean sealed = shape.envelope() == Envelope.SEALED;
        String partner = merchant.oidPartner();
        return switch (c.kind()) {
            case TRUNCATED -> Arrays.copyOf(valid, c.number() % valid.length);
            case GARBAGE, FORM_GARBAGE -> GARBAGE.get(c.number() % GARBAGE.size()).getBytes(StandardCharsets.UTF_8);
            case WRONG_TYPE -> outerOrInner(f, sealed, Bodies.signText(merchant, Bodies.objectWithRaw(fields, c.field(),
                    JSON_LITERALS.get(c.number() % JSON_LITERALS.size()))));
            case DEEP_VALUE -> {
                int depth = List.of(64, 1001, 5000, 30_000).get(c.number() % 4);
                yield outerOrInner(f, sealed, Bodies.signText(merchant, Bodies.objectWithRaw(fields, c.field(),
                        "[".repeat(depth) + "]".repeat(depth))));
            }
            case DEEP_BODY -> {
                int depth = List.of(1001, 5000, 20_000).get(c.number() % 3);
                yield ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case HUGE_NUMBER -> outerOrInner(f, sealed, Bodies.signText(merchant, Bodies.objectWithRaw(fields, c.field(),
                    List.of("1e999999999", "-" + "9".repeat(20_000), "1" + "0".repeat(5000) + ".5", "-0.0e-99999")
                            .get(c.number() % 4))));
            case DUPLICATE_KEY -> {
                String name = List.of(c.field(), c.field() + " ", " " + c.field(), c.field().toUpperCase())
                        .get(c.number() % 4);
                if (form) {
                    yield (new String(valid, StandardCharsets.UTF_8) + "&" + Bodies.encode(name) + "="
                            + Bodies.encode(c.literal())).getBytes(StandardCharsets.UTF_8);
                }
                LinkedHashMap<String, String> signedFields = merchant.sign(fields);
                String text = FlatJson.write(signedFields);
                yield outerOrInner(f, sealed, text.substring(0, text.length() - 1) + "," + Bodies.quote(name) + ":"
                        + c.literal() + "}");
            }
            case ONLY_PARTNER -> signed(c.path(), new LinkedHashMap<>(Map.of("oid_partner", partner)));
            case UNSIGNED -> form ? Bodies.form(shape.envelope() == Envelope.H5_FORM
                    ? Map.of("req_data", FlatJson.write(fields)) : fields).getBytes(StandardCharsets.UTF_8)
                    : outerOrInner(f, sealed, FlatJson.write(fields));
            case OVERSIZED, FAR_OVERSIZED -> {
                int size = c.kind() == Structure.OVERSIZED ? 64 * 1024 + 1 + c.number() % 100 : 3 * 1024 * 1024;
                fields.put("padding", "p".repeat(size));
                yield signed(c.path(), fields);
            }
            case INVALID_UTF8 -> {
                byte[] broken = Arrays.copyOf(valid, valid.length + 2);
                int at = c.number() % valid.length;
                System.arraycopy(valid, at, broken, at + 2, valid.length - at);
                broken[at] = (byte) 0xC3;
                broken[at + 1] = (byte) 0x28;
                yield broken;
            }
            case BYTE_ORDER_MARK -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid);
            case UTF16 -> new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            case NOT_AN_OBJECT -> outerOrInner(f, sealed, List.of("[]", "null", "\"x\"", "1", "true",
                    "[" + FlatJson.write(merchant.sign(fields)) + "]").get(c.number() % 6));
            case EMPTY -> new byte[0];
            case SEALED_INNER_GARBAGE -> Bodies.sealed(f.gateway().publicKey(), partner,
                    GARBAGE.get(c.number() % GARBAGE.size())).getBytes(StandardCharsets.UTF_8);
            case SEALED_INNER_WRONG_TYPE -> Bodies.sealed(f.gateway().publicKey(), partner,
                    Bodies.signText(merchant, Bodies.objectWithRaw(fields, c.field(), c.literal())))
                    .getBytes(StandardCharsets.UTF_8);
            case SEALED_PAY_LOAD_GARBAGE -> FlatJson.write(new LinkedHashMap<>(Map.of("oid_partner", partner,
                    "pay_load", c.literal()))).getBytes(StandardCharsets.UTF_8);
            case SEALED_PAY_LOAD_WRONG_TYPE -> Bodies.objectWithRaw(new LinkedHashMap<>(Map.of("oid_partner", partner)),
                    "pay_load", c.literal()).getBytes(StandardCharsets.UTF_8);
            case SEALED_OTHER_PARTNER -> Bodies.sealed(f.gateway().publicKey(), c.literal(),
                    FlatJson.write(merchant.sign(fields))).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The JSON text as the body, or sealed in pay_load for a sealed endpoint. */
    private static byte[] outerOrInner(Fixture f, boolean sealed, String json) {
        String body = sealed ? Bodies.sealed(f.gateway().publicKey(), f.merchant().oidPartner(), json) : json;
        return body.getBytes(StandardCharsets.UTF_8);
    }

    // ---- hostile headers and malformed HTTP ----

    enum Attack {
        CONTENT_TYPE, CONTENT_ENCODING, DUPLICATE_CONTENT_LENGTH, NEGATIVE_CONTENT_LENGTH, CONTENT_LENGTH_AND_CHUNKED,
        BAD_CHUNKS, HUGE_HEADER, MANY_HEADERS, CONTROL_IN_HEADER, BAD_REQUEST_LINE, NUL_IN_PATH, LONG_URI,
        HTTP_VERSION, FORWARDED_FOR, AUTHORIZATION
    }

    private static final List<String> CONTENT_TYPES = List.of("", "text/plain", "text/html", "application/xml",
            "application/json; charset=GBK", "application/json; charset=nonsense", "application/json; charset=",
            "multipart/form-data; boundary=", "multipart/form-data", "application/x-www-form-urlencoded; charset=UTF-16",
            "*/*", "application/json\u0000", ";;;;", "application/" + "x".repeat(5000));
    private static final List<String> CODINGS = List.of("gzip", "deflate", "x-gzip", "br", "gzip, gzip", "identity",
            "UTF-8", "compress", "gzip;q=0");

    /** A request whose body is valid but whose HTTP is hostile. */
    record HeaderCase(String path, Attack attack, int variant) {
        @Override
        public String toString() {
            return path + " " + attack + " #" + variant;
        }
    }

    @Property
    @FuzzBudget.Tries(150)
    void hostileHeadersAndMalformedHttp(@ForAll("headerCases") HeaderCase c) {
        boolean operator = ErrorReplies.isOperatorPath(c.path());
        Gateway gateway = operator ? run.adminGateway() : run.merchantGateway();
        Target target = operator ? Target.OPERATOR : kindOf(c.path());
        check(gateway, target, c.path(), headerRequest(c, operator));
    }

    @Provide
    Arbitrary<HeaderCase> headerCases() {
        List<String> paths = new ArrayList<>(run.merchantPaths());
        paths.addAll(List.of("/admin/merchants", "/admin/notifications/cancel", "/sandbox/clock/advance"));
        return Combinators.combine(Arbitraries.of(paths), Arbitraries.of(Attack.values()),
                Arbitraries.integers().between(0, 1000)).as(HeaderCase::new);
    }

    private static RawHttp.Request headerRequest(HeaderCase c, boolean operator) {
        String path = c.path();
        byte[] body;
        String contentType;
        List<String> headers = new ArrayList<>();
        if (operator) {
            body = (path.endsWith("advance") ? "{\"by\":\"PT0S\"}"
                    : "{\"merchant\":\"" + run.victim() + "\",\"dry_run\":true}").getBytes(StandardCharsets.UTF_8);
            if (path.equals("/admin/merchants")) {
                body = new byte[0];
            }
            contentType = "application/json";
            if (c.attack() != Attack.AUTHORIZATION) {
                headers.add("Authorization: Bearer " + run.adminGateway().settings().adminToken());
            }
        } else {
            body = signed(path, run.shape(path).valid().apply(run.fixture()));
            contentType = run.shape(path).envelope().isForm() ? "application/x-www-form-urlencoded"
                    : "application/json;charset=utf-8";
        }
        String method = operator && path.equals("/admin/merchants") ? "GET" : "POST";
        String label = c.toString();
        int v = c.variant();
        String length = "Content-Length: " + body.length;
        return switch (c.attack()) {
            case CONTENT_TYPE -> {
                String type = CONTENT_TYPES.get(v % CONTENT_TYPES.size());
                if (!type.isEmpty()) {
                    headers.add("Content-Type: " + type);
                }
                headers.add(length);
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case CONTENT_ENCODING -> {
                headers.add("Content-Type: " + contentType);
                headers.add("Content-Encoding: " + CODINGS.get(v % CODINGS.size()));
                headers.add(length);
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case DUPLICATE_CONTENT_LENGTH -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add("Content-Length: " + (body.length + 1 + v % 10));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case NEGATIVE_CONTENT_LENGTH -> {
                headers.add("Content-Type: " + contentType);
                headers.add("Content-Length: " + List.of("-1", "-" + body.length, "1e3", "0x10", "99999999999999999999",
                        " ", "+" + body.length).get(v % 7));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case CONTENT_LENGTH_AND_CHUNKED -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add("Transfer-Encoding: chunked");
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, chunked(body), label);
            }
            case BAD_CHUNKS -> {
                headers.add("Content-Type: " + contentType);
                headers.add("Transfer-Encoding: " + List.of("chunked", "chunked, chunked", "gzip, chunked", "xchunked")
                        .get(v % 4));
                byte[] chunks = List.of("zz\r\n" + "abc\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\nabc\r\n",
                        "5\r\nabc\r\n0\r\n\r\n", "3\r\nabc\r\n", "-1\r\n\r\n").get(v % 5).getBytes(StandardCharsets.UTF_8);
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, chunks, label);
            }
            case HUGE_HEADER -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add("X-Padding: " + "h".repeat(List.of(9_000, 20_000, 70_000).get(v % 3)));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case MANY_HEADERS -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                for (int i = 0; i < 100 + v * 3; i++) {
                    headers.add("X-H" + i + ": " + i);
                }
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case CONTROL_IN_HEADER -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add(List.of("X-A: a\u0000b", "X-A: \u001b[2J", "X-A b: c", ": empty", "X-A:\u00ff\u00fe",
                        "X-A: " + Hostile.EMOJI, "X-A\u0000: b").get(v % 7));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case BAD_REQUEST_LINE -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                String line = List.of(method + "  " + path + " HTTP/1.1", method.toLowerCase() + " " + path + " HTTP/1.1",
                        method + " " + path, method + " " + path + " HTTP/1.1 extra", "GARBAGE", method + "\t" + path
                        + " HTTP/1.1", method + " http://127.0.0.1" + path + " HTTP/1.1", method + " " + path
                        + "?\u0000 HTTP/1.1", "PO\u0000ST " + path + " HTTP/1.1", method + " " + path + "#frag HTTP/1.1")
                        .get(v % 10);
                yield RawHttp.raw(line, headers, body, label);
            }
            case NUL_IN_PATH -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                String target = List.of(path + "%00", path.replaceFirst("/", "/%00"), path + "/..%2f..%2fetc",
                        path + "%", path + "%zz", path + ";jsessionid=1", path + "/", path.toUpperCase(), "/%2e%2e" + path,
                        path + "?a=%00").get(v % 10);
                yield RawHttp.raw(method + " " + target + " HTTP/1.1", headers, body, label);
            }
            case LONG_URI -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                yield RawHttp.raw(method + " " + path + "?q=" + "u".repeat(List.of(9_000, 20_000, 100_000).get(v % 3))
                        + " HTTP/1.1", headers, body, label);
            }
            case HTTP_VERSION -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                yield RawHttp.raw(method + " " + path + " " + List.of("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1.1",
                        "http/1.1", "HTTP/0.9").get(v % 6), headers, body, label);
            }
            case FORWARDED_FOR -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add(List.of("X-Forwarded-For: 127.0.0.1", "X-Forwarded-For: ' OR 1=1 --", "X-Real-IP: ::1",
                        "Forwarded: for=\"[::1]\";proto=https", "X-Forwarded-For: " + "1.".repeat(3000) + "1")
                        .get(v % 5));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
            case AUTHORIZATION -> {
                headers.add("Content-Type: " + contentType);
                headers.add(length);
                headers.add("Authorization: " + List.of("Bearer", "Bearer ", "Bearer \u0000", "Basic YTpi", "bearer x",
                        "Bearer " + "t".repeat(10_000), "Bearer " + Hostile.EMOJI, "Bearer ' OR '1'='1")
                        .get(v % 8));
                yield RawHttp.raw(method + " " + path + " HTTP/1.1", headers, body, label);
            }
        };
    }

    private static byte[] chunked(byte[] body) {
        byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return concat(concat(head, body), "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- the admin and sandbox APIs ----

    /** An operator call: a registered admin or sandbox route with hostile path values, query and body. */
    record AdminCase(Gateway.Route route, List<String> pathValues, List<Map.Entry<String, String>> query,
                     List<Map.Entry<String, String>> edits, String rawBody) {
        @Override
        public String toString() {
            return route.method() + " " + route.path() + " path=" + pathValues.stream().map(v -> abbreviate(v)).toList()
                    + " query=" + query.stream().map(e -> e.getKey() + "=" + abbreviate(e.getValue())).toList()
                    + (rawBody != null ? " raw=" + abbreviate(rawBody)
                    : " edits=" + edits.stream().map(e -> e.getKey() + ":" + abbreviate(e.getValue())).toList());
        }
    }

    @Property
    @FuzzBudget.Tries(250)
    void hostileAdminCalls(@ForAll("adminCases") AdminCase c) {
        Gateway gateway = run.adminGateway();
        String target = AdminFields.path(c.route().path(), c.pathValues());
        if (!c.query().isEmpty()) {
            target += "?" + String.join("&", c.query().stream()
                    .map(e -> Bodies.encode(e.getKey()) + "=" + Bodies.encode(e.getValue())).toList());
        }
        byte[] body = c.rawBody() != null ? c.rawBody().getBytes(StandardCharsets.UTF_8)
                : AdminFields.body(c.route(), c.edits(), run).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + gateway.settings().adminToken());
        headers.put("Content-Type", "application/json");
        boolean hasBody = c.route().method().equals("POST") || c.route().method().equals("PATCH");
        check(gateway, Target.OPERATOR, c.route().path(),
                RawHttp.request(c.route().method(), target, headers, hasBody ? body : new byte[0], c.toString()));
    }

    @Provide
    Arbitrary<AdminCase> adminCases() {
        return Arbitraries.of(run.operatorRoutes()).flatMap(route -> {
            List<String> params = AdminFields.pathParams(route.path());
            Arbitrary<List<String>> pathValues = Combinators.combine(params.stream()
                    .map(p -> AdminFields.pathValue(p, run)).toList()).as(List::copyOf);
            Arbitrary<Map.Entry<String, String>> queryPair = Combinators.combine(Arbitraries.of(AdminFields.QUERY_NAMES),
                    Hostile.text()).as(Map::entry);
            Arbitrary<List<Map.Entry<String, String>>> query = route.method().equals("GET")
                    ? queryPair.list().ofMaxSize(3) : Arbitraries.just(List.of());
            Arbitrary<Map.Entry<String, String>> edit = Combinators.combine(
                    Arbitraries.of(AdminFields.bodyNames(route.path())), AdminFields.jsonValue()).as(Map::entry);
            Arbitrary<String> raw = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just((String) null)),
                    Tuple.of(1, AdminFields.rawBody()));
            return Combinators.combine(pathValues, query, edit.list().ofMinSize(1).ofMaxSize(3), raw)
                    .as((pv, q, e, r) -> new AdminCase(route, pv, q, e, r));
        });
    }

    // ---- the payer's pages ----

    /** A page route (cashier, bank, result, return, demo shop, health) with a hostile path value and query. */
    record PageCase(Gateway.Route route, String value, String query) {
        @Override
        public String toString() {
            return route.method() + " " + route.path() + " value=" + abbreviate(value) + " query=" + abbreviate(query);
        }
    }

    @Property
    @FuzzBudget.Tries(40)
    void hostilePagePaths(@ForAll("pageCases") PageCase c) {
        Gateway gateway = run.merchantGateway();
        String target = AdminFields.path(c.route().path(), List.of(c.value(), c.value())) + "?q=" + Bodies.encode(c.query());
        byte[] body = c.route().method().equals("POST")
                ? ("bank=" + Bodies.encode(c.query()) + "&decision=" + Bodies.encode(c.value())).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        check(gateway, Target.PAGE, c.route().path(), RawHttp.request(c.route().method(), target,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body, c.toString()));
    }

    @Provide
    Arbitrary<PageCase> pageCases() {
        return Combinators.combine(Arbitraries.of(run.pageRoutes()), Hostile.text(), Hostile.text()).as(PageCase::new);
    }

    // ---- what every answer must be ----

    /** What kind of answer a path owes. */
    enum Target { MERCHANT, FILE, FORM, OPERATOR, PAGE }

    private static Target kindOf(String path) {
        return switch (run.shape(path).envelope()) {
            case PLAIN, SEALED -> Target.MERCHANT;
            case FILE -> Target.FILE;
            case FORM, H5_FORM -> Target.FORM;
        };
    }

    /** Builds the body for the merchant gateway's fixture and checks the answer. */
    private void send(String path, String label, java.util.function.Function<Fixture, byte[]> body) {
        check(run.merchantGateway(), kindOf(path), path, request(path, label, body.apply(run.fixture())));
    }

    /** A POST of the body to a merchant endpoint with the content type its envelope takes. */
    private static RawHttp.Request request(String path, String label, byte[] body) {
        String type = run.shape(path).envelope().isForm() ? "application/x-www-form-urlencoded"
                : "application/json;charset=utf-8";
        return RawHttp.request("POST", path, Map.of("Content-Type", type), body, label);
    }

    private static void check(Gateway gateway, Target target, String path, RawHttp.Request request) {
        Probe probe = probe(gateway, target, path, request);
        if (!probe.problems().isEmpty() && !FuzzBudget.survey()) {
            fail("%s", probe);
        }
    }

    /** One request and what was wrong with its answer. */
    record Probe(String label, RawHttp.Response response, List<String> problems, boolean accepted) {
        @Override
        public String toString() {
            return label + " answered " + response.status() + " " + response.contentType() + "\n  "
                    + abbreviate(response.text()) + "\n  problems: " + problems;
        }
    }

    private static Probe probe(Gateway gateway, Target target, String path, RawHttp.Request request) {
        run.logs().clear();
        TableSnapshot before = run.snapshot(gateway);
        RawHttp.Response response = RawHttp.exchange(gateway.port(), request);
        boolean[] accepted = {false};
        List<String> problems = judge(target, response, accepted);
        if (accepted[0]) {
            run.settle(gateway);
        } else {
            TableSnapshot after = run.snapshot(gateway);
            // A wrong SMS code is refused and counts as a try: the one write a refusal makes on purpose.
            if (!after.equals(before) && !(WRONG_CODE.contains(String.valueOf(retCode(response.text())))
                    && after.changedSince(before).equals(List.of("card_sms_code")))) {
                problems.add("a refusal changed " + after.changedSince(before));
            }
        }
        run.logs().offending().forEach(line -> problems.add("log: " + line));
        run.findings().record(target + " " + path, request.label(),
                problems.stream().map(HostileInputFuzzTest::normalize).distinct().toList());
        return new Probe(request.label(), response, problems, accepted[0]);
    }

    /** The problems with one answer; sets {@code accepted[0]} when the request was accepted rather than refused. */
    private static List<String> judge(Target target, RawHttp.Response r, boolean[] accepted) {
        List<String> problems = new ArrayList<>();
        if (!r.answered()) {
            problems.add("no answer: " + r.failure());
            return problems;
        }
        // 505 is HTTP's own answer to a request line naming a version the server does not speak: the client's
        // mistake, answered in JSON like any other malformed request, not a failure of the gateway.
        if (r.status() >= 500 && r.status() != 505) {
            problems.add("HTTP " + r.status());
        }
        String text = r.text();
        String contentType = r.contentType().toLowerCase();
        boolean json = contentType.startsWith("application/json");
        Matcher trace = STACK_TRACE.matcher(text);
        if (trace.find() && !(r.status() < 300 && target == Target.OPERATOR)) {
            problems.add("Java text in the answer: " + trace.group());
        }
        switch (target) {
            case MERCHANT, FILE -> {
                if (target == Target.FILE && r.status() == 200 && !json) {
                    accepted[0] = true;
                } else if (!json) {
                    problems.add("not JSON: HTTP " + r.status() + " " + contentType);
                } else {
                    String code = retCode(text);
                    if (code == null) {
                        problems.add("JSON without ret_code: HTTP " + r.status());
                    } else {
                        if (code.equals("9999")) {
                            problems.add("ret_code 9999");
                        }
                        accepted[0] = ACCEPTING.contains(code);
                    }
                }
            }
            case FORM -> {
                if (r.status() == 303) {
                    accepted[0] = true;
                } else if (contentType.startsWith("text/html")) {
                    Matcher code = PAGE_RET_CODE.matcher(text);
                    if (!code.find()) {
                        problems.add("an HTML page that is not the error page: HTTP " + r.status());
                    } else if (code.group(1).equals("9999")) {
                        problems.add("error page with ret_code 9999");
                    }
                } else if (!json || retCode(text) == null) {
                    problems.add("neither the error page nor JSON with ret_code: HTTP " + r.status() + " " + contentType);
                }
            }
            case OPERATOR -> {
                if (r.status() < 300) {
                    accepted[0] = true;
                } else if (!json) {
                    problems.add("not JSON: HTTP " + r.status() + " " + contentType);
                } else {
                    try {
                        JsonNode node = Json.MAPPER.readTree(r.body());
                        if (node == null || !node.path("error").isTextual()) {
                            problems.add("not the admin error shape: HTTP " + r.status());
                        }
                    } catch (java.io.IOException e) {
                        problems.add("unreadable JSON: HTTP " + r.status());
                    }
                }
            }
            case PAGE -> {
                accepted[0] = r.status() < 400;
                if (!contentType.startsWith("text/html") && !json && !contentType.startsWith("text/plain")) {
                    problems.add("unexpected content type: HTTP " + r.status() + " " + contentType);
                }
            }
        }
        return problems;
    }

    private static String retCode(String text) {
        try {
            return FlatJson.parse(text.getBytes(StandardCharsets.UTF_8)).get("ret_code");
        } catch (MalformedMessageException | RuntimeException e) {
            return null;
        }
    }

    /** One problem as a finding: numbers and quoted values out, so the same fault is counted once. */
    private static String normalize(String problem) {
        String general = problem.replaceAll("\\d{6,}", "#").replaceAll("(for|of) [^ :]+", "$1 _");
        return general.length() > 220 ? general.substring(0, 220) : general;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The gateways, merchants and observers of one run of the class. */
    static final class FuzzRun implements AutoCloseable {
        private final Gateway merchantGateway;
        private final Gateway adminGateway;
        private final Fixture fixture;
        private final String victim;
        private final String victimPublicKey;
        private final Map<String, List<String>> fieldNames = new LinkedHashMap<>();
        private final Map<Gateway, List<String>> tables = new java.util.IdentityHashMap<>();
        private final LogCapture logs;
        private final Findings findings = new Findings();

        private FuzzRun(Gateway merchantGateway, Gateway adminGateway, Fixture fixture, TestMerchant victim) {
            this.merchantGateway = merchantGateway;
            this.adminGateway = adminGateway;
            this.fixture = fixture;
            this.victim = victim.oidPartner();
            this.victimPublicKey = RsaKeys.pem(victim.keys().getPublic());
            for (String path : merchantPaths()) {
                MerchantEndpoints.shape(path).ifPresent(s -> fieldNames.put(path, List.copyOf(s.valid().apply(fixture).keySet())));
            }
            tables.put(merchantGateway, TableSnapshot.tableNames(merchantGateway));
            tables.put(adminGateway, TableSnapshot.tableNames(adminGateway));
            this.logs = new LogCapture();
        }

        static FuzzRun start() {
            Gateway merchantGateway = TestGateways.start();
            Gateway adminGateway = null;
            try {
                adminGateway = TestGateways.start();
                Fixture fixture = fixture(merchantGateway);
                TestMerchant victim = TestMerchant.register(adminGateway, 1_000_000);
                FuzzRun run = new FuzzRun(merchantGateway, adminGateway, fixture, victim);
                run.settle(merchantGateway);
                return run;
            } catch (RuntimeException | Error e) {
                merchantGateway.close();
                if (adminGateway != null) {
                    adminGateway.close();
                }
                throw e;
            }
        }

        private static Fixture fixture(Gateway gateway) {
            TestMerchant merchant = TestMerchant.register(gateway, 10_000_000_000L);
            TestMerchant.PaidOrder paid = merchant.paidOnlineBankingOrder("50000.00", MerchantEndpoints.NOTIFY_URL);
            TestMerchant.Reply payout = merchant.sealed("/paymentapi/payment.htm",
                    merchant.payout(MerchantEndpoints.heldCard(), "5.00", MerchantEndpoints.NOTIFY_URL));
            assertThat(payout.retCode()).as("payout %s", payout.text()).isEqualTo("0000");
            // The same card again within 24 hours is held for its confirm code (4002).
            String card = MerchantEndpoints.heldCard();
            merchant.sealed("/paymentapi/payment.htm", merchant.payout(card, "5.00", MerchantEndpoints.NOTIFY_URL));
            TestMerchant.Reply check = merchant.sealed("/paymentapi/payment.htm",
                    merchant.payout(card, "5.00", MerchantEndpoints.NOTIFY_URL));
            assertThat(check.retCode()).as("repeated payout %s", check.text()).isEqualTo("4002");
            String noRefund = MerchantEndpoints.next("RF");
            String dtRefund = MerchantEndpoints.now();
            LinkedHashMap<String, String> refund = new LinkedHashMap<>();
            refund.put("oid_partner", merchant.oidPartner());
            refund.put("no_refund", noRefund);
            refund.put("dt_refund", dtRefund);
            refund.put("money_refund", "0.92");
            refund.put("no_order", paid.noOrder());
            refund.put("dt_order", paid.dtOrder());
            refund.put("notify_url", MerchantEndpoints.NOTIFY_URL);
            TestMerchant.Reply refunded = merchant.plain("/refund.htm", refund);
            assertThat(refunded.retCode()).as("refund %s", refunded.text()).isEqualTo("0000");
            return new Fixture(gateway, merchant, paid, payout.get("no_order"), check.get("no_order"),
                    check.get("confirm_code"), noRefund, dtRefund);
        }

        Gateway merchantGateway() {
            return merchantGateway;
        }

        Gateway adminGateway() {
            return adminGateway;
        }

        Fixture fixture() {
            return fixture;
        }

        String victim() {
            return victim;
        }

        String victimPublicKey() {
            return victimPublicKey;
        }

        LogCapture logs() {
            return logs;
        }

        Findings findings() {
            return findings;
        }

        /** The merchant endpoints the gateway registered that have a shape (the others fail their own test). */
        List<String> merchantPaths() {
            return MerchantEndpoints.registered(merchantGateway).stream()
                    .filter(p -> MerchantEndpoints.shape(p).isPresent()).toList();
        }

        Shape shape(String path) {
            return MerchantEndpoints.shape(path).orElseThrow();
        }

        List<String> fieldNames(String path) {
            return fieldNames.get(path);
        }

        List<Gateway.Route> operatorRoutes() {
            return adminGateway.routes().stream().filter(r -> ErrorReplies.isOperatorPath(r.path())).toList();
        }

        /** Every other route that is not a merchant endpoint: the payer's pages, the demo shop, health and metrics. */
        List<Gateway.Route> pageRoutes() {
            List<String> merchant = MerchantEndpoints.registered(merchantGateway);
            return merchantGateway.routes().stream()
                    .filter(r -> !ErrorReplies.isOperatorPath(r.path()) && !merchant.contains(r.path()))
                    .toList();
        }

        TableSnapshot snapshot(Gateway gateway) {
            return TableSnapshot.take(gateway, tables.get(gateway));
        }

        /**
         * Waits until what an accepted request set going (notifications, the bank) has stopped writing: no pending
         * notification and the tables unchanged over a short pause.
         */
        void settle(Gateway gateway) {
            TableSnapshot[] last = {snapshot(gateway)};
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(30)).pollInterval(Duration.ofMillis(60))
                    .until(() -> {
                        long pending = gateway.jdbi().withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM notification WHERE status = 'PENDING'").mapTo(Long.class).one());
                        TableSnapshot now = snapshot(gateway);
                        boolean quiet = pending == 0 && now.equals(last[0]);
                        last[0] = now;
                        return quiet;
                    });
        }

        @Override
        public void close() {
            logs.close();
            findings.writeTo(Path.of("target", "fuzz-findings-" + (TestDatabases.onPostgres() ? "postgres" : "h2")
                    + ".txt"));
            merchantGateway.close();
            adminGateway.close();
        }
    }

    static List<String> productIds() {
        return Products.catalogue().granted().stream().map(ProductIdentity::id).toList();
    }
}
