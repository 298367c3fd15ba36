package io.llgate.server.fuzz;

import io.llgate.server.Gateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * What the fuzz suite knows of the admin and sandbox APIs: the body members and query parameters they read,
 * and a valid body to make hostile one member at a time. A route the gateway registers without an entry here
 * is still fuzzed, with every member any operator route reads: operators are trusted and their routes are
 * few, so a missing entry weakens the fuzzing of one route rather than hiding it.
 */
final class AdminFields {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    static final List<String> QUERY_NAMES = List.of("limit", "merchant", "no_order", "reference", "status", "from",
            "to", "date", "month", "kind", "all_revisions", "revision", "product", "q", "after",
            "currency", "history", "at");

    private static final Map<String, List<String>> BODY_NAMES = Map.ofEntries(
            Map.entry("POST /admin/merchants", List.of("oid_partner", "name", "public_key", "products", "ip_allow_list",
                    "balance")),
            Map.entry("PATCH /admin/merchants/{oid}", List.of("name", "public_key", "products", "ip_allow_list", "status",
                    "fee_rate_bp", "report_refund_paybill", "notify_chaos", "notify_chaos_delay")),
            Map.entry("POST /admin/merchants/{oid}/topup", List.of("amount", "reference")),
            Map.entry("POST /admin/notifications/resend", List.of("merchant", "status", "from", "to", "dry_run", "rate")),
            Map.entry("POST /admin/notifications/cancel", List.of("merchant", "from", "to", "dry_run")),
            Map.entry("POST /admin/settlements/run", List.of("date")),
            Map.entry("POST /admin/reports/generate", List.of("date", "month", "merchant", "replace")),
            Map.entry("POST /sandbox/payouts/{oid_paybill}/resolve", List.of("result")),
            Map.entry("POST /sandbox/online-banking/{reference}/complete", List.of("result", "oid_partner")),
            Map.entry("POST /sandbox/refunds/{reference}/resolve", List.of("result", "oid_partner")),
            Map.entry("POST /sandbox/clock/advance", List.of("by")),
            Map.entry("POST /admin/rates", List.of("currency", "rate", "valid_from", "valid_until", "created_by")),
            Map.entry("POST /sandbox/rates", List.of("currency", "rate")));

    private static final List<String> ALL_BODY_NAMES = BODY_NAMES.values().stream().flatMap(List::stream).distinct()
            .toList();

    private AdminFields() {
    }

    static List<String> pathParams(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The template with its parameters replaced, in order, by the values percent-encoded. */
    static String path(String template, List<String> values) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String value = i < values.size() ? values.get(i) : "x";
            i++;
            m.appendReplacement(out, Matcher.quoteReplacement(Bodies.encode(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value for a path parameter: usually one that names something real, else hostile text. */
    static Arbitrary<String> pathValue(String param, HostileInputFuzzTest.FuzzRun run) {
        Arbitrary<String> real = switch (param) {
            case "oid" -> Arbitraries.just(run.victim());
            case "id" -> Arbitraries.of("1", "0", "-1", "99999999999999999999", "1.5", "0x1");
            case "name" -> Arbitraries.of("JYMX_" + run.victim() + "_20260101.txt", "JYMX_" + run.victim() + "_202601.txt",
                    "JYMXSUM_" + run.victim() + "_99999999.txt");
            default -> Arbitraries.of("X1", run.victim());
        };
        return Arbitraries.frequencyOf(Tuple.of(2, real), Tuple.of(3, Hostile.text()));
    }

    static List<String> bodyNames(String path) {
        return BODY_NAMES.entrySet().stream().filter(e -> e.getKey().endsWith(" " + path)).findFirst()
                .map(Map.Entry::getValue).orElse(ALL_BODY_NAMES);
    }

    /** A JSON value of any type: hostile text, odd numbers, lists, objects and deep nesting. */
    static Arbitrary<String> jsonValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Hostile.text().map(Bodies::quote)),
                Tuple.of(2, Arbitraries.of("0", "-1", "1.5", "1e999999999", "9".repeat(400), "-0", "2147483648",
                        "true", "false", "null", "[]", "{}", "[\"instant_payment\",null]", "[[]]", "{\"a\":\"b\"}",
                        "[" + "[".repeat(2000) + "]".repeat(2000) + "]")),
                Tuple.of(1, Hostile.text().list().ofMaxSize(3).map(list -> "[" + String.join(",",
                        list.stream().map(Bodies::quote).toList()) + "]")));
    }

    /** A body broken as a whole: not JSON, not an object, too deep or over 1 MB. */
    static Arbitrary<String> rawBody() {
        return Arbitraries.of("", "{", "[]", "null", "\"x\"", "1", "{\"a\":1,\"a\":2}", "{'a':1}", "\u0000",
                "{\"name\":\"" + "n".repeat(1_100_000) + "\"}", "[".repeat(100_000), "{\"a\":".repeat(5000) + "1"
                        + "}".repeat(5000), "\uFEFF{}", "<a/>", "{\"oid_partner\":\"1\"}garbage");
    }

    /** The route's valid body with the edits applied: each a member name and its JSON value. */
    static String body(Gateway.Route route, List<Map.Entry<String, String>> edits, HostileInputFuzzTest.FuzzRun run) {
        LinkedHashMap<String, String> members = new LinkedHashMap<>();
        switch (route.method() + " " + route.path()) {
            case "POST /admin/merchants" -> {
                members.put("oid_partner", Bodies.quote(MerchantEndpoints.newOidPartner()));
                members.put("name", Bodies.quote("fuzz merchant"));
                members.put("public_key", Bodies.quote(run.victimPublicKey()));
                members.put("products", "[" + String.join(",", HostileInputFuzzTest.productIds().stream()
                        .map(Bodies::quote).toList()) + "]");
                members.put("balance", Bodies.quote("1.00"));
            }
            case "POST /admin/merchants/{oid}/topup" -> {
                members.put("amount", Bodies.quote("1.00"));
                members.put("reference", Bodies.quote(MerchantEndpoints.next("fuzz-topup-")));
            }
            case "POST /admin/notifications/resend", "POST /admin/notifications/cancel" -> {
                members.put("merchant", Bodies.quote(run.victim()));
                members.put("dry_run", "true");
            }
            case "POST /sandbox/payouts/{oid_paybill}/resolve", "POST /sandbox/refunds/{reference}/resolve" ->
                    members.put("result", Bodies.quote("SUCCESS"));
            case "POST /sandbox/online-banking/{reference}/complete" -> members.put("result", Bodies.quote("paid"));
            case "POST /sandbox/clock/advance" -> members.put("by", Bodies.quote("PT0S"));
            case "POST /admin/rates", "POST /sandbox/rates" -> {
                members.put("currency", Bodies.quote("USD"));
                members.put("rate", Bodies.quote("7.1500"));
            }
            default -> { }
        }
        edits.forEach(e -> members.put(e.getKey(), e.getValue()));
        StringBuilder out = new StringBuilder("{");
        members.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(Bodies.quote(name)).append(':')
                .append(value));
        return out.append('}').toString();
    }
}
