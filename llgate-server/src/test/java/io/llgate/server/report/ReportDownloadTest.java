package io.llgate.server.report;

import static io.llgate.server.report.ReportLines.generate;
import static io.llgate.server.report.ReportLines.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.http.Json;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Merchants download their report files through the signed merchant API, and only their own. */
class ReportDownloadTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestAdmin admin;
    static TestMerchant shop;
    static TestMerchant other;
    /** A merchant on the CSV layout that paid one payout of 12.30 to an account at 中国农业银行. */
    static TestMerchant payer;
    static String day;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
        Books books = new Books(gateway);
        books.advanceToJustAfterTheCutOff(10);
        shop = books.merchantWithFee(25);
        other = books.merchantWithFee(0);
        shop.paidOnlineBankingOrder("88.80", receiver.url());
        other.paidOnlineBankingOrder("10.00", receiver.url());
        payer = TestMerchant.register(gateway, 100_000);
        assertThat(admin.patch("/admin/merchants/" + payer.oidPartner(), "{\"report_layout\":\"csv\"}").status())
                .isEqualTo(200);
        LinkedHashMap<String, String> payout = payer.payout("6217000010009995678", "12.30", receiver.url());
        payout.put("flag_card", "2");
        payout.put("bank_code", "01030000");
        assertThat(payer.sealed("/paymentapi/payment.htm", payout).retCode()).isEqualTo("0000");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(payer.plain("/paymentapi/queryPayment.htm",
                Map.of("oid_partner", payer.oidPartner(), "no_order", payout.get("no_order"))).get("result_pay")));
        day = gateway.settings().businessCalendar().settleDate(gateway.clock().instant());
        books.advance("P1D");
        assertThat(generate(admin, shop.oidPartner(), day, false).status()).isEqualTo(200);
        assertThat(generate(admin, other.oidPartner(), day, false).status()).isEqualTo(200);
        assertThat(generate(admin, payer.oidPartner(), day, false).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    /** The answer: status, headers and body; {@code fields} when the body is JSON. */
    record Answer(int status, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        byte[] body() {
            return response.body();
        }

        Map<String, String> fields() {
            try {
                return FlatJson.parse(response.body());
            } catch (io.llgate.protocol.MalformedMessageException e) {
                throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
            }
        }

        boolean signedByTheGateway() {
            return MessageSignature.verify(gateway.publicKey(), SignType.RSA, fields()).valid();
        }
    }

    private static Answer post(String path, Map<String, String> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(FlatJson.write(body), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer download(TestMerchant merchant, Map<String, String> fields) {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", merchant.oidPartner());
        request.putAll(fields);
        return post("/report/download.htm", merchant.sign(request));
    }

    @Test
    void aMerchantDownloadsItsFileByNameAsTheExactBytes() throws Exception {
        String name = "JYMX_" + shop.oidPartner() + "_" + day + ".txt";

        Answer answer = download(shop, Map.of("file_name", name));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(served(gateway, name).body());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).startsWith("no_order|oid_partner|")
                .contains("|88.80|").endsWith("\n");
        assertThat(answer.header("Content-Type")).isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(answer.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + name + "\"");
        assertThat(answer.header("X-LLGate-SHA256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(answer.body())));
    }

    @Test
    void aMerchantDownloadsByKindAndDate() {
        Answer summary = download(shop, Map.of("file_type", "JYMXSUM", "report_date", day));

        assertThat(summary.status()).isEqualTo(200);
        assertThat(new String(summary.body(), StandardCharsets.UTF_8)).isEqualTo("1|1|88.80|0||0|\n");
        assertThat(summary.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"JYMXSUM_" + shop.oidPartner() + "_" + day + ".txt\"");
        assertThat(download(shop, Map.of("file_type", "JYMX", "report_date", day)).body())
                .isEqualTo(served(gateway, "JYMX_" + shop.oidPartner() + "_" + day + ".txt").body());
    }

    @Test
    void aMerchantOnTheCsvLayoutDownloadsItsPayoutFileByNameOrByKind() {
        String name = "FKMX_" + payer.oidPartner() + "_" + day + ".txt";

        Answer byName = download(payer, Map.of("file_name", name));
        Answer byKind = download(payer, Map.of("file_type", "FKMX", "report_date", day));
        Answer detail = download(payer, Map.of("file_type", "JYMX", "report_date", day));

        for (Answer answer : List.of(byName, byKind)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(served(gateway, name).body());
            assertThat(answer.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + name + "\"");
        }
        assertThat(new String(byName.body(), StandardCharsets.UTF_8)).startsWith(CsvReportFormat.PAYOUT_HEADER + "\n")
                .contains(",202000,").contains("," + day + ",12.3,1,0,").endsWith(",实时付款渠道,余额支付,供应商结算,中国农业银行,,\n");
        assertThat(new String(detail.body(), StandardCharsets.UTF_8)).isEqualTo(CsvReportFormat.DETAIL_HEADER + "\n");
        // Another merchant's payout file is answered like a missing one.
        assertThat(download(shop, Map.of("file_name", name)).fields()).containsEntry("ret_code", "8901");
    }

    @Test
    void aBadSignatureIsRefusedWithSignedJson() {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", shop.oidPartner());
        request.put("file_name", "JYMX_" + shop.oidPartner() + "_" + day + ".txt");
        LinkedHashMap<String, String> signed = shop.sign(request);
        signed.put("file_name", "JYMXSUM_" + shop.oidPartner() + "_" + day + ".txt");

        Answer answer = post("/report/download.htm", signed);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.fields()).containsEntry("ret_code", "1001").containsEntry("oid_partner", shop.oidPartner());
        assertThat(answer.signedByTheGateway()).isTrue();
        // Signed with another merchant's key: the same refusal.
        LinkedHashMap<String, String> foreignKey = new LinkedHashMap<>(other.sign(request));
        foreignKey.put("oid_partner", shop.oidPartner());
        assertThat(post("/report/download.htm", foreignKey).fields()).containsEntry("ret_code", "1001");
    }

    @Test
    void anotherMerchantsFileIsAnsweredLikeAMissingOne() {
        Answer foreign = download(shop, Map.of("file_name", "JYMX_" + other.oidPartner() + "_" + day + ".txt"));
        Answer missing = download(shop, Map.of("file_name", "JYMX_" + shop.oidPartner() + "_20000101.txt"));
        // A merchant on the documented layout has no payout files.
        Answer noPayoutFile = download(shop, Map.of("file_type", "FKMX", "report_date", day));

        for (Answer answer : List.of(foreign, missing, noPayoutFile)) {
            assertThat(answer.fields()).containsEntry("ret_code", "8901").containsEntry("ret_msg", "没有记录");
            assertThat(answer.signedByTheGateway()).isTrue();
        }
        assertThat(foreign.body()).isNotEqualTo(served(gateway, "JYMX_" + other.oidPartner() + "_" + day + ".txt").body());
    }

    @Test
    void badFieldsAreRefusedByName() {
        assertThat(download(shop, Map.of("file_name", "JYMX_" + shop.oidPartner() + "_2024.txt")).fields())
                .containsEntry("ret_code", "1004").containsEntry("ret_msg", "商户请求参数校验错误（file_name）");
        assertThat(download(shop, Map.of("file_type", "FKMXSUM", "report_date", day)).fields())
                .containsEntry("ret_code", "1004").containsEntry("ret_msg", "商户请求参数校验错误（file_type）");
        assertThat(download(shop, Map.of("file_type", "JYMXSUM", "report_date", day.substring(0, 6))).fields())
                .containsEntry("ret_code", "1004").containsEntry("ret_msg", "商户请求参数校验错误（report_date）");
        assertThat(download(shop, Map.of("file_type", "JYMX", "report_date", "20240231")).fields())
                .containsEntry("ret_code", "1004");
        assertThat(download(shop, Map.of()).fields())
                .containsEntry("ret_code", "1004").containsEntry("ret_msg", "商户请求参数校验错误（file_type）");
        Answer unknown = post("/report/download.htm", Map.of("oid_partner", "201999999999999999", "file_name", "x",
                "sign_type", "RSA", "sign", "x"));
        assertThat(unknown.fields()).containsEntry("ret_code", "3001").doesNotContainKey("sign");
    }

    @Test
    void aMerchantListsItsOwnFiles() throws Exception {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", shop.oidPartner());
        Answer listed = post("/report/list.htm", shop.sign(request));

        assertThat(listed.fields()).containsEntry("ret_code", "0000").containsEntry("file_count", "2");
        assertThat(listed.signedByTheGateway()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode f : Json.MAPPER.readTree(listed.fields().get("file_list"))) {
            names.add(f.get("file_name").asText());
            assertThat(f.get("sha256").asText()).hasSize(64);
            assertThat(f.get("revision").asText()).isEqualTo("1");
        }
        assertThat(names).containsExactlyInAnyOrder("JYMX_" + shop.oidPartner() + "_" + day + ".txt",
                "JYMXSUM_" + shop.oidPartner() + "_" + day + ".txt");

        request.put("report_month", "200001");
        assertThat(post("/report/list.htm", shop.sign(request)).fields()).containsEntry("file_count", "0")
                .containsEntry("file_list", "[]");
    }
}
