package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.gzip;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.outer;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.sealedText;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.Signatures;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests real merchant integrations send that are odd but valid (00 §2, §6, Ambiguities A2, A4, A6,
 * A8, A10; 10 I2): each must be accepted as a payout.
 */
class TolerantInputTest {
    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 1_000_000);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerSets")
    void contentHeadersAreIgnored(String name, Map<String, String> headers) {
        byte[] body = merchant.sealedBody(merchant.sign(payout(merchant))).getBytes(StandardCharsets.UTF_8);

        assertAccepted(merchant.post(APPLY, body, headers));
    }

    static Stream<Arguments> headerSets() {
        return Stream.of(
                Arguments.of("Java SDK: Content-Encoding UTF-8",
                        Map.of("Content-Type", "application/json", "Content-Encoding", "UTF-8")),
                Arguments.of("text/json", Map.of("Content-Type", "text/json")),
                Arguments.of("application/json", Map.of("Content-Type", "application/json")),
                Arguments.of("application/json;charset=utf-8",
                        Map.of("Content-Type", "application/json;charset=utf-8")),
                Arguments.of("no Content-Type", Map.of()));
    }

    // RFC 8259 lets a parser ignore a byte order mark, and Windows clients writing through a UTF-8 stream send one.
    @Test
    void byteOrderMarkIsSkipped() {
        String json = merchant.sealedBody(merchant.sign(payout(merchant)));
        byte[] body = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);

        assertAccepted(merchant.post(APPLY, body, Map.of("Content-Type", "application/json")));
    }

    @Test
    void gzipBodyIsInflated() {
        byte[] body = gzip(merchant.sealedBody(merchant.sign(payout(merchant))).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Content-Encoding", "gzip");

        assertAccepted(merchant.post(APPLY, body, headers));
    }

    // A2: the doc's own sample has "sign_type " with a trailing space; signers differ on whether they trim it.
    @ParameterizedTest(name = "signed over {0} keys")
    @MethodSource("keyForms")
    void keyWithStraySpaceIsRead(String name, boolean signTrimmed) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("sign_type ", "RSA");
        LinkedHashMap<String, String> signedOver = new LinkedHashMap<>(fields);
        if (signTrimmed) {
            signedOver.remove("sign_type ");
            signedOver.put("sign_type", "RSA");
        }
        fields.put("sign", Signatures.sign(merchant.keys().getPrivate(), SignType.RSA,
                SignSource.of(signedOver)));

        assertAccepted(merchant.post(APPLY, sealedText(gateway, merchant, FlatJson.write(fields))));
    }

    static Stream<Arguments> keyForms() {
        return Stream.of(Arguments.of("received", false), Arguments.of("trimmed", true));
    }

    @Test
    void escapedJsonIsSignedOverItsDecodedValues() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("info_order", "供应商结算6月");
        LinkedHashMap<String, String> signed = merchant.sign(fields);
        // What fastjson or an older encoder writes: every non-ASCII character as \\uXXXX and every '/' as \\/.
        String inner = escapedJson(signed);
        assertThat(inner).contains("\\u674e\\u660e").contains("https:\\/\\/");

        Reply reply = merchant.post(APPLY, sealedText(gateway, merchant, inner));

        assertAccepted(reply);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("oid_partner", merchant.oidPartner());
        query.put("no_order", fields.get("no_order"));
        assertThat(merchant.plain(QUERY, query).get("info_order")).isEqualTo("供应商结算6月");
    }

    // A10: the Java SDK wraps every base64 segment at 76 characters with CRLF; in the JSON body those are \r\n escapes.
    @Test
    void payLoadWrappedLikeTheJavaSdkIsOpened() {
        String inner = FlatJson.write(merchant.sign(payout(merchant)));
        String payLoad = PayLoad.seal(gateway.publicKey(), inner, PayLoad.Secrets.random(), true);
        String body = outer(merchant.oidPartner(), payLoad);
        assertThat(payLoad).contains("\r\n");
        assertThat(body).contains("\\r\\n").doesNotContain("\r");

        assertAccepted(merchant.post(APPLY, body));
    }

    // A6: signatures copied from documents carry spaces and line breaks.
    @Test
    void whitespaceInsideTheSignatureIsIgnored() {
        LinkedHashMap<String, String> signed = merchant.sign(payout(merchant));
        String sign = signed.get("sign");
        signed.put("sign", sign.substring(0, 20) + " " + sign.substring(20, 76) + "\r\n" + sign.substring(76) + "\n");

        assertAccepted(merchant.post(APPLY, sealedText(gateway, merchant, FlatJson.write(signed))));
    }

    // A4: with a mixed-case key, byte order and the SDK's case-insensitive order give different sign sources.
    @Test
    void keysSortedByBytesAreAccepted() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("Trace_no", "T-1");
        assertThat(SignSource.of(fields, Set.of(), SignSource.BYTE_ORDER)).isNotEqualTo(SignSource.of(fields));
        LinkedHashMap<String, String> signed = signAsIs(merchant, fields, "RSA", SignType.RSA, SignSource.BYTE_ORDER);

        assertAccepted(merchant.post(APPLY, sealedText(gateway, merchant, FlatJson.write(signed))));
    }

    // I2: the doc sample and the SDK send 0 for a personal card.
    @Test
    void flagCardZeroIsAPersonalCard() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("flag_card", "0");

        assertAccepted(merchant.sealed(APPLY, fields));
        String stored = gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT bank_code FROM instant_payment WHERE no_order = :no")
                .bind("no", fields.get("no_order")).mapTo(String.class).one());
        assertThat(stored).isNull();
    }

    private static void assertAccepted(Reply reply) {
        assertSigned(reply, SUCCESS, merchant);
        assertThat(reply.get("oid_paybill")).matches("\\d{16}");
    }

    /** Compact JSON with non-ASCII characters as {@code \}{@code uXXXX} escapes and slashes as {@code \/}. */
    private static String escapedJson(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(escaped(field.getKey())).append(':').append(escaped(field.getValue()));
        }
        return json.append('}').toString();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c == '/') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
