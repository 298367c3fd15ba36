package io.llgate.server.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.InvalidKeyTextException;
import io.llgate.server.GatewayMode;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.Json;
import io.llgate.server.ledger.Balances;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.notify.NotifyChaos;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@code /admin/merchants}: register, list, show, change and top up merchants. */
public final class MerchantAdminRoutes {
    private final Merchants merchants;
    private final Jdbi jdbi;
    private final Ledger ledger;
    private final GatewayMode mode;

    public MerchantAdminRoutes(Merchants merchants, Jdbi jdbi, Ledger ledger, GatewayMode mode) {
        this.merchants = merchants;
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.mode = mode;
    }

    /** A merchant as the admin API shows it, amounts with two decimals, the chaos delay in ISO-8601. */
    public record View(String oidPartner, String name, String status, List<String> products, String ipAllowList,
                       String publicKey, String amtBalance, String amtUnsettle, String amtReserved, Instant createdAt,
                       String notifyChaos, String notifyChaosDelay, int feeRateBp, String reportRefundPaybill,
                       String reportLayout) {
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/admin/merchants", this::add);
        routes.get("/admin/merchants", ctx -> Json.write(ctx, 200,
                Map.of("merchants", merchants.list().stream().map(this::view).toList())));
        routes.get("/admin/merchants/{oid}", ctx -> Json.write(ctx, 200, view(merchant(ctx))));
        routes.patch("/admin/merchants/{oid}", this::update);
        routes.post("/admin/merchants/{oid}/topup", this::topUp);
    }

    private void add(Context ctx) {
        JsonNode body = Json.body(ctx);
        String oid = required(body, "oid_partner");
        try {
            Merchant m = merchants.add(new NewMerchant(oid, Json.text(body, "name"), required(body, "public_key"),
                    Merchants.parseProducts(listText(body, "products")), IpAllowList.parse(listText(body, "ip_allow_list")),
                    body.hasNonNull("balance") ? fen(Json.text(body, "balance")) : 0));
            Json.write(ctx, 201, view(m));
        } catch (DuplicateMerchantException e) {
            throw new AdminException(409, e.getMessage());
        } catch (InvalidKeyTextException e) {
            throw new AdminException(400, "public_key: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    private void update(Context ctx) {
        Merchant current = merchant(ctx);
        String oid = current.oidPartner();
        JsonNode body = Json.body(ctx);
        NotifyChaos chaos = notifyChaos(body, current.notifyChaos());
        try {
            MerchantStatus status = body.hasNonNull("status")
                    ? MerchantStatus.valueOf(Json.text(body, "status").trim().toUpperCase(Locale.ROOT)) : null;
            Set<Product> products = body.has("products") ? Merchants.parseProducts(listText(body, "products")) : null;
            IpAllowList ips = body.has("ip_allow_list") ? IpAllowList.parse(listText(body, "ip_allow_list")) : null;
            FeeRate feeRate = body.has("fee_rate_bp") ? feeRate(body.get("fee_rate_bp")) : null;
            RefundPaybillColumn refundColumn = body.has("report_refund_paybill")
                    ? refundPaybillColumn(Json.text(body, "report_refund_paybill")) : null;
            ReportLayout layout = body.has("report_layout") ? reportLayout(Json.text(body, "report_layout")) : null;
            Merchant m = merchants.update(oid, Json.text(body, "public_key"), products, ips, status, chaos).orElseThrow();
            // All were checked before anything was changed, so the update cannot stop half done here.
            if (feeRate != null) {
                merchants.setFeeRate(oid, feeRate);
            }
            if (refundColumn != null) {
                merchants.setRefundPaybillColumn(oid, refundColumn);
            }
            if (layout != null) {
                merchants.setReportLayout(oid, layout);
            }
            if (feeRate != null || refundColumn != null || layout != null) {
                m = merchants.find(oid).orElseThrow();
            }
            Json.write(ctx, 200, view(m));
        } catch (InvalidKeyTextException e) {
            throw new AdminException(400, "public_key: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    /** The notify_chaos setting the body asks for, or null when it names neither field; sandbox mode only. */
    private NotifyChaos notifyChaos(JsonNode body, NotifyChaos current) {
        String modeText = Json.text(body, "notify_chaos");
        String delayText = Json.text(body, "notify_chaos_delay");
        if (modeText == null && delayText == null) {
            return null;
        }
        NotifyChaos.Mode chaosMode = modeText == null ? current.mode() : NotifyChaos.Mode.byId(modeText)
                .orElseThrow(() -> new AdminException(400, "notify_chaos must be none, duplicate, shuffle or late"));
        if (!mode.isSandbox() && (chaosMode != NotifyChaos.Mode.NONE || delayText != null)) {
            throw new AdminException(400, "notify_chaos is a sandbox setting; a production gateway refuses it");
        }
        Duration delay;
        try {
            delay = delayText == null ? current.delay() : Duration.parse(delayText.trim());
            return new NotifyChaos(chaosMode, delay);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new AdminException(400, "notify_chaos_delay must be an ISO-8601 duration such as PT30S, "
                    + "from 0 to one day");
        }
    }

    private void topUp(Context ctx) {
        String oid = merchant(ctx).oidPartner();
        JsonNode body = Json.body(ctx);
        long amount = fen(required(body, "amount"));
        String reference = body.hasNonNull("reference") ? Json.text(body, "reference") : "topup:" + UUID.randomUUID();
        try {
            merchants.topUp(oid, amount, reference);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            throw new AdminException(409, "a top-up with reference " + reference + " was already made");
        }
        Json.write(ctx, 200, view(merchants.find(oid).orElseThrow()));
    }

    private Merchant merchant(Context ctx) {
        String oid = ctx.pathParam("oid");
        return merchants.find(oid).orElseThrow(() -> new AdminException(404, "no merchant " + oid));
    }

    private View view(Merchant m) {
        Balances b = jdbi.withHandle(h -> ledger.balances(h, m.oidPartner()));
        return new View(m.oidPartner(), m.name(), m.status().name(),
                m.products().stream().sorted().map(Product::id).toList(),
                m.ipAllowList().isEmpty() ? null : m.ipAllowList().toString(), m.publicKeyText(),
                Amounts.format(b.available()), Amounts.format(b.unsettled()), Amounts.format(b.reserved()), m.createdAt(),
                m.notifyChaos().mode().id(), m.notifyChaos().delay().toString(), m.feeRate().basisPoints(),
                m.refundPaybillColumn().id(), m.reportLayout().id());
    }

    private static RefundPaybillColumn refundPaybillColumn(String text) {
        return RefundPaybillColumn.byId(text).orElseThrow(() -> new AdminException(400,
                "report_refund_paybill must be no_order or oid_refundno"));
    }

    private static ReportLayout reportLayout(String text) {
        return ReportLayout.byId(text).orElseThrow(() -> new AdminException(400, "report_layout must be doc or csv"));
    }

    private static FeeRate feeRate(JsonNode node) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new AdminException(400, "fee_rate_bp must be a whole number of basis points, 0 to "
                    + FeeRate.MAX_BASIS_POINTS);
        }
        return new FeeRate(node.intValue());
    }

    private static String required(JsonNode body, String name) {
        String value = Json.text(body, name);
        if (value == null || value.isBlank()) {
            throw new AdminException(400, name + " is required");
        }
        return value;
    }

    /** A list given as a JSON array or as one comma-separated string. */
    private static String listText(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            node.forEach(item -> text.append(text.isEmpty() ? "" : ",").append(item.asText()));
            return text.toString();
        }
        return node.asText();
    }

    private static long fen(String amount) {
        try {
            return Amounts.parseFen(amount.trim());
        } catch (FieldFormatException e) {
            throw new AdminException(400, "amount must look like 100.00 (two decimals at most, 0.01 to 100000000.00)");
        }
    }
}
