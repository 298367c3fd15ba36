package io.llgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input on every admin and sandbox-control call: wrong JSON types, text too long for its column, control
 * characters, unknown values, bad dates and numbers, bodies that are no JSON object. Each is refused with a 4xx
 * and {@code {"error": ...}} naming the field in the API's words, and changes nothing.
 */
class AdminBadInputTest {
    private static final String NUL = "\\u0000";
    static Gateway gateway;
    static TestAdmin admin;
    static String oid;
    static String key;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        admin = new TestAdmin(gateway);
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        oid = merchant.oidPartner();
        key = RsaKeys.base64(merchant.keys().getPublic());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A call: method, path, JSON body (null for GET), the status and a part of the message it must answer. */
    record Call(String method, String path, String body, int status, String message) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " " + body;
            return method + " " + path + (shown.length() > 90 ? shown.substring(0, 90) + "..." : shown);
        }
    }

    static Stream<Arguments> hostileCalls() {
        String merchant = "/admin/merchants/" + oid;
        String newOid = "201977700000000001";
        List<Call> calls = List.of(
                // Registration.
                add("\"name\":\"" + "n".repeat(129) + "\"", "name is too long: at most 128 characters"),
                add("\"name\":\"shop" + NUL + "\"", "name must not hold control characters"),
                add("\"name\":\"shop\\u001b[31m\"", "name must not hold control characters"),
                add("\"name\":\"\\ud800\"", "name is not valid text"),
                add("\"name\":{\"a\":1}", "name must be a JSON string"),
                add("\"name\":[\"a\"]", "name must be a JSON string"),
                add("\"name\":42", "name must be a JSON string"),
                add("\"ip_allow_list\":\"" + "10.0.0.1,".repeat(240) + "10.0.0.2\"", "ip_allow_list is too long"),
                add("\"ip_allow_list\":[\"10.0.0.1\",7]", "ip_allow_list must be a JSON array of strings"),
                add("\"ip_allow_list\":\"10.0.0.1" + NUL + "\"", "ip_allow_list must not hold control characters"),
                add("\"ip_allow_list\":\"example.org\"", "ip_allow_list: not an IP address"),
                add("\"products\":{\"refund\":true}", "products must be a JSON array of strings"),
                add("\"products\":\"refund,lottery\"", "unknown product: lottery"),
                add("\"balance\":\"-5.00\"", "balance must look like 100.00"),
                add("\"balance\":\"100000000.01\"", "balance must look like 100.00"),
                add("\"balance\":1e30", "balance must be a JSON string"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":201977700000000001,\"public_key\":\"" + key + "\"}",
                        400, "oid_partner must be a JSON string"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"2019" + NUL + "\",\"public_key\":\"" + key + "\"}",
                        400, "oid_partner must not hold control characters"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"2019\",\"public_key\":\"" + key + "\"}",
                        400, "oid_partner must be 18 digits"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"" + newOid + "\",\"public_key\":\"MII" + NUL + "\"}",
                        400, "public_key must not hold control characters"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"" + newOid + "\",\"public_key\":\"abc\"}",
                        400, "public_key"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"" + oid + "\",\"public_key\":\"" + key + "\"}",
                        409, "already exists"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":\"" + newOid + "\",\"oid_partner\":\"" + newOid
                        + "\",\"public_key\":\"" + key + "\"}", 400, "the body is not valid JSON"),
                new Call("POST", "/admin/merchants", "{\"oid_partner\":", 400, "the body is not valid JSON"),
                new Call("POST", "/admin/merchants", "oid_partner=" + newOid, 400, "the body is not valid JSON"),
                new Call("POST", "/admin/merchants", "[{\"oid_partner\":\"" + newOid + "\"}]", 400,
                        "the body must be a JSON object"),
                new Call("POST", "/admin/merchants", "\"text\"", 400, "the body must be a JSON object"),
                new Call("POST", "/admin/merchants", "[".repeat(5000), 400, "the body is not valid JSON"),
                // Changes.
                new Call("PATCH", merchant, "{\"status\":\"X\"}", 400, "status must be ACTIVE or SUSPENDED"),
                new Call("PATCH", merchant, "{\"status\":1}", 400, "status must be a JSON string"),
                new Call("PATCH", merchant, "{\"status\":\"SUSPENDED" + NUL + "\"}", 400, "status must not hold control"),
                new Call("PATCH", merchant, "{\"fee_rate_bp\":\"10\"}", 400, "fee_rate_bp must be a whole number from 0 to 1000"),
                new Call("PATCH", merchant, "{\"fee_rate_bp\":-1}", 400, "fee_rate_bp must be a whole number from 0 to 1000"),
                new Call("PATCH", merchant, "{\"fee_rate_bp\":1e12}", 400, "fee_rate_bp must be a whole number from 0 to 1000"),
                new Call("PATCH", merchant, "{\"fee_rate_bp\":2.5}", 400, "fee_rate_bp must be a whole number from 0 to 1000"),
                new Call("PATCH", merchant, "{\"ip_allow_list\":\"" + "10.0.0.1,".repeat(240) + "10.0.0.2\"}", 400,
                        "ip_allow_list is too long"),
                new Call("PATCH", merchant, "{\"report_refund_paybill\":{}}", 400, "report_refund_paybill must be a JSON string"),
                new Call("PATCH", merchant, "{\"report_refund_paybill\":\"other\"}", 400,
                        "report_refund_paybill must be no_order or oid_refundno"),
                new Call("PATCH", merchant, "{\"notify_chaos\":\"all\"}", 400, "notify_chaos must be none"),
                new Call("PATCH", merchant, "{\"notify_chaos_delay\":\"P99999999999D\"}", 400, "notify_chaos_delay must be"),
                new Call("PATCH", merchant, "{\"public_key\":\"abc\"}", 400, "public_key"),
                new Call("PATCH", merchant, "{\"products\":[\"refund\",null]}", 400, "products must be a JSON array of strings"),
                new Call("PATCH", "/admin/merchants/201977700000000404", "{\"status\":\"ACTIVE\"}", 404,
                        "no merchant 201977700000000404"),
                new Call("GET", "/admin/merchants/2019%01", null, 400, "oid must not hold control characters"),
                // Top-ups.
                new Call("POST", merchant + "/topup", "{}", 400, "amount is required"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"-1.00\"}", 400, "amount must look like 100.00"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1e3\"}", 400, "amount must look like 100.00"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"100000000.01\"}", 400, "amount must look like 100.00"),
                new Call("POST", merchant + "/topup", "{\"amount\":100}", 400, "amount must be a JSON string"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":{\"a\":1}}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":[\"w\"]}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":\"" + "r".repeat(65) + "\"}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":\"opening:" + newOid + "\"}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":\"w" + NUL + "\"}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", merchant + "/topup", "{\"amount\":\"1.00\",\"reference\":\"\"}", 400,
                        "reference must be 1 to 64 letters"),
                new Call("POST", "/admin/merchants/201977700000000404/topup", "{\"amount\":\"1.00\"}", 404,
                        "no merchant 201977700000000404"),
                // Notifications.
                new Call("GET", "/admin/notifications?limit=-1", null, 400, "limit must be a whole number from 1 to 1000"),
                new Call("GET", "/admin/notifications?limit=99999999999", null, 400, "limit must be a whole number from 1 to 1000"),
                new Call("GET", "/admin/notifications?limit=ten", null, 400, "limit must be a whole number from 1 to 1000"),
                new Call("GET", "/admin/notifications?status=LOST", null, 400, "unknown status LOST"),
                new Call("GET", "/admin/notifications?from=yesterday", null, 400, "from must be an ISO-8601 instant"),
                new Call("GET", "/admin/notifications?merchant=%00", null, 400, "merchant must not hold control characters"),
                new Call("GET", "/admin/notifications?no_order=" + "x".repeat(300), null, 400, "no_order is too long"),
                new Call("GET", "/admin/notifications/abc", null, 404, "no notification abc"),
                new Call("GET", "/admin/notifications/99999999999999999999", null, 404, "no notification"),
                new Call("POST", "/admin/notifications/resend", "{\"merchant\":[\"" + oid + "\"]}", 400,
                        "merchant must be a JSON string"),
                new Call("POST", "/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"dry_run\":\"yes\"}", 400,
                        "dry_run must be true or false"),
                new Call("POST", "/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"rate\":\"5\"}", 400,
                        "rate must be a number of notifications per second"),
                new Call("POST", "/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"status\":\"X\"}", 400,
                        "unknown status X"),
                new Call("POST", "/admin/notifications/cancel", "{\"merchant\":\"" + oid + "\",\"from\":\"x\"}", 400,
                        "from must be an ISO-8601 instant"),
                new Call("POST", "/admin/notifications/cancel", "{\"merchant\":\"201977700000000404\"}", 404,
                        "no merchant 201977700000000404"),
                // Settlement.
                new Call("POST", "/admin/settlements/run", "{\"date\":\"2024-13-45\"}", 400, "date: a business day is written"),
                new Call("POST", "/admin/settlements/run", "{\"date\":\"20241345\"}", 400, "date: 20241345 is not a real date"),
                new Call("POST", "/admin/settlements/run", "{\"date\":20240612}", 400, "date must be a JSON string"),
                new Call("GET", "/admin/settlements?limit=0", null, 400, "limit must be a whole number from 1 to 1000"),
                new Call("GET", "/admin/settlements?date=yesterday", null, 400, "date: a business day is written"),
                // Reports.
                new Call("POST", "/admin/reports/generate", "{\"date\":\"20240612\",\"replace\":\"yes\"}", 400,
                        "replace must be true or false"),
                new Call("POST", "/admin/reports/generate", "{\"month\":202406}", 400, "month must be a JSON string"),
                new Call("POST", "/admin/reports/generate", "{\"month\":\"202413\"}", 400, "month: 202413 is not a real month"),
                new Call("POST", "/admin/reports/generate", "{\"date\":\"20240612\",\"merchant\":{}}", 400,
                        "merchant must be a JSON string"),
                new Call("GET", "/admin/reports?kind=WEEKLY", null, 400, "kind must be DAILY, SUMMARY, MONTHLY, PAYOUT_DAILY or PAYOUT_MONTHLY"),
                new Call("GET", "/admin/reports?all_revisions=maybe", null, 400, "all_revisions must be true or false"),
                new Call("GET", "/admin/reports?limit=1001", null, 400, "limit must be a whole number from 1 to 1000"),
                new Call("GET", "/admin/reports/JYMX_" + oid + "_20240612.txt?revision=-1", null, 400,
                        "revision must be a whole number"),
                new Call("GET", "/admin/reconciliation", null, 400, "date (yyyyMMdd) is required"),
                new Call("GET", "/admin/reconciliation?date=20240230", null, 400, "date: 20240230 is not a real date"),
                // Sandbox controls.
                new Call("POST", "/sandbox/clock/advance", "{\"by\":\"PT9999999999999999999H\"}", 400, "by must be an ISO-8601 duration"),
                new Call("POST", "/sandbox/clock/advance", "{\"by\":\"P36600D\"}", 400, "the sandbox clock moves at most"),
                new Call("POST", "/sandbox/clock/advance", "{\"by\":\"-PT1H\"}", 400, "the sandbox clock only moves forward"),
                new Call("POST", "/sandbox/clock/advance", "{\"by\":5}", 400, "by must be a JSON string"),
                new Call("POST", "/sandbox/payouts/x/resolve", "{\"result\":[\"SUCCESS\"]}", 400, "result must be a JSON string"),
                new Call("POST", "/sandbox/online-banking/x/complete", "{\"result\":\"paid\",\"oid_partner\":{}}", 400,
                        "oid_partner must be a JSON string"),
                new Call("POST", "/sandbox/refunds/x/resolve", "{\"result\":\"MAYBE\"}", 400, "result must be SUCCESS or FAILURE"),
                new Call("POST", "/sandbox/refunds/x%01/resolve", "{\"result\":\"SUCCESS\"}", 400,
                        "reference must not hold control characters"),
                new Call("POST", "/admin/merchants", "{\"name\":\"" + "x".repeat((1 << 20) + 10) + "\"}", 413,
                        "the body is larger than 1 MB"));
        return calls.stream().map(Arguments::of);
    }

    private static Call add(String field, String message) {
        return new Call("POST", "/admin/merchants", "{\"oid_partner\":\"201977700000000001\",\"public_key\":\"" + key
                + "\"," + field + "}", 400, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCalls")
    void refusedInTheApisWordsAndWritesNothing(Call call) {
        State before = State.take(gateway);

        TestAdmin.Response response = switch (call.method()) {
            case "GET" -> admin.get(call.path());
            case "POST" -> admin.post(call.path(), call.body());
            case "PATCH" -> admin.patch(call.path(), call.body());
            default -> throw new IllegalArgumentException(call.method());
        };

        assertThat(response.status()).as("%s", response.json()).isEqualTo(call.status());
        assertThat(response.json().size()).as("%s", response.json()).isEqualTo(1);
        assertThat(response.json().path("error").asText()).contains(call.message())
                .doesNotContain("Exception", "io.llgate", "No enum constant", "java.");
        assertThat(State.take(gateway)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesAtTheLimit")
    void aNameAtTheColumnsLimitIsStoredOnEitherDatabase(String what, String name) throws Exception {
        String newOid = "20197770000000" + String.format("%04d", NEXT.incrementAndGet());

        TestAdmin.Response added = admin.post("/admin/merchants", "{\"oid_partner\":\"" + newOid + "\",\"public_key\":\""
                + key + "\",\"name\":" + Json.MAPPER.writeValueAsString(name) + "}");

        assertThat(added.status()).as("%s", added.json()).isEqualTo(201);
        assertThat(admin.get("/admin/merchants/" + newOid).json().path("name").asText()).isEqualTo(name);
    }

    static Stream<Arguments> namesAtTheLimit() {
        return Stream.of(Arguments.of("128 ASCII", "n".repeat(128)),
                Arguments.of("128 CJK", "商".repeat(128)),
                Arguments.of("128 emoji", "\uD83D\uDE00".repeat(128)));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    /** Every row a payment writes, every balance, and every merchant's settings. */
    record State(StoreSnapshot store, List<String> merchants) {
        static State take(Gateway gateway) {
            List<String> merchants = gateway.jdbi().withHandle(h -> h.createQuery("""
                            SELECT oid_partner, name, status, products, ip_allow_list, public_key, fee_rate_bp,
                                   report_refund_paybill, notify_chaos, notify_chaos_delay_ms
                            FROM merchant ORDER BY id""")
                    .map((rs, ctx) -> {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        return row.toString();
                    })
                    .list());
            return new State(StoreSnapshot.take(gateway), merchants);
        }
    }
}
