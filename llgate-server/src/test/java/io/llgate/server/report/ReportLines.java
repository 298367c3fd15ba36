package io.llgate.server.report;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What a test expects in a report file, written out by hand, and the file as the admin API serves it. */
final class ReportLines {
    static final String HEADER = "no_order|oid_partner|dt_order|busi_partner|oid_paybill|settle_date|currency_order|"
            + "money_order|currency_pay|money_pay|currency_settle|money_settle|exchange_rate|transaction_status|"
            + "dt_update|transaction_fee|pay_product|pay_type|info_order";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReportLines() {
    }

    /** {@code yyyyMMddHHmmss} as the files write it. */
    static String time(String wireTime) {
        return wireTime.substring(0, 8) + " " + wireTime.substring(8, 10) + ":" + wireTime.substring(10, 12) + ":"
                + wireTime.substring(12);
    }

    /** When the order was paid, as the files write it: read where the gateway keeps it. */
    static String paidAt(Gateway gateway, String noOrder) {
        return TIME.format(gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT paid_at FROM online_banking_order WHERE no_order = :no")
                .bind("no", noOrder)
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                .one()));
    }

    /** When the refund succeeded, as the files write it. */
    static String refundedAt(Gateway gateway, String noRefund) {
        return TIME.format(gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT completed_at FROM refund WHERE no_refund = :no")
                .bind("no", noRefund)
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                .one()));
    }

    /** A detail line: the fields joined by {@code |}, amounts repeated in the three currency columns. */
    static String line(String noOrder, String oidPartner, String dtOrder, String busiPartner, String paybill,
                       String settleDate, String amount, String status, String dtUpdate, String fee, String payType,
                       String info) {
        return String.join("|", noOrder, oidPartner, time(dtOrder), busiPartner, paybill, settleDate, "CNY", amount,
                "CNY", amount, "CNY", amount, "1.00", status, dtUpdate, fee, "1", payType, info);
    }

    /** A file's bytes as {@code GET /admin/reports/{name}} answers them, with the answer's headers. */
    record Served(int status, byte[] body, Map<String, List<String>> headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static Served served(Gateway gateway, String name) {
        return served(gateway, "/admin/reports/" + name, true);
    }

    static Served served(Gateway gateway, String path, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (withToken) {
            request.header("Authorization", "Bearer " + gateway.settings().adminToken());
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Served(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /admin/reports/generate} for one merchant and a day ({@code yyyyMMdd}) or month ({@code yyyyMM}). */
    static TestAdmin.Response generate(TestAdmin admin, String oidPartner, String period, boolean replace) {
        String field = period.length() == 8 ? "date" : "month";
        return admin.post("/admin/reports/generate", "{\"" + field + "\":\"" + period + "\",\"merchant\":\"" + oidPartner
                + "\",\"replace\":" + replace + "}");
    }
}
