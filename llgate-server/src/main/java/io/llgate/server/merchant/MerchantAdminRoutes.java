package io.llgate.server.merchant;

import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.ProductIdentity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.InvalidKeyTextException;
import io.llgate.server.GatewayMode;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import io.llgate.server.ledger.Balances;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.notify.NotifyChaos;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Arrays;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** {@code /admin/merchants}: register, list, show, change and top up merchants. */
public final class MerchantAdminRoutes {
    private static final int OID_INPUT_LENGTH = 64;
    /** A PEM key with its header lines; what is stored is checked again, as base64. */
    private static final int KEY_INPUT_LENGTH = 16_384;
    private static final int AMOUNT_INPUT_LENGTH = 32;

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
                       String reportLayout, String listSigning, boolean cardSmsVerification,
                       boolean notifyCardHolder, List<CurrencyBalances> balances) {
    }

    /**
     * A merchant's balances in one currency, two decimals: {@code balances} lists every currency the merchant holds
     * money in, CNY first, whose balances are also {@code amt_balance}, {@code amt_unsettle} and {@code amt_reserved}.
     */
    public record CurrencyBalances(String currency, String amtBalance, String amtUnsettle, String amtReserved) {
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
        Json.write(ctx, 201, view(register(AdminInput.body(ctx))));
    }

    /** Registers the merchant the body describes: 400 for a field at fault, 409 for a taken oid_partner. */
    Merchant register(AdminInput.Body body) {
        String oid = body.required("oid_partner", OID_INPUT_LENGTH);
        String publicKey = body.lines("public_key", KEY_INPUT_LENGTH).filter(k -> !k.isBlank())
                .orElseThrow(() -> new AdminException(400, "public_key is required"));
        String name = body.text("name", Merchants.MAX_NAME_LENGTH).orElse(null);
        Set<ProductIdentity> products = products(body);
        IpAllowList ips = ipAllowList(body).orElse(IpAllowList.any());
        long balance = body.text("balance", AMOUNT_INPUT_LENGTH).map(text -> fen("balance", text)).orElse(0L);
        try {
            return merchants.add(new NewMerchant(oid, name, publicKey, products, ips, balance));
        } catch (DuplicateMerchantException e) {
            throw new AdminException(409, e.getMessage());
        } catch (InvalidKeyTextException e) {
            throw new AdminException(400, "public_key: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    private void update(Context ctx) {
        Json.write(ctx, 200, view(change(merchant(ctx), AdminInput.body(ctx))));
    }

    /** Changes what the body names of a merchant; every field is checked before anything changes. */
    Merchant change(Merchant current, AdminInput.Body body) {
        String oid = current.oidPartner();
        NotifyChaos chaos = notifyChaos(body, current.notifyChaos());
        MerchantStatus status = body.text("status", 32).map(MerchantAdminRoutes::status).orElse(null);
        // A list given as null is cleared: every product, any address.
        Set<ProductIdentity> products = body.given("products") ? products(body) : null;
        IpAllowList ips = body.given("ip_allow_list") ? ipAllowList(body).orElse(IpAllowList.any()) : null;
        FeeRate feeRate = body.wholeNumber("fee_rate_bp", 0, FeeRate.MAX_BASIS_POINTS, "basis points").map(FeeRate::new).orElse(null);
        RefundPaybillColumn refundColumn = body.text("report_refund_paybill", 32)
                .map(MerchantAdminRoutes::refundPaybillColumn).orElse(null);
        ReportLayout layout = body.text("report_layout", 32).map(MerchantAdminRoutes::reportLayout).orElse(null);
        ListSigning listSigning = body.given("list_signing")
                ? listSigning(body.text("list_signing", 200).orElse("")) : null;
        Boolean cardSms = body.bool("card_sms_verification").orElse(null);
        Boolean notifyHolder = body.bool("notify_card_holder").orElse(null);
        String publicKey = body.lines("public_key", KEY_INPUT_LENGTH).orElse(null);
        try {
            Merchant m = merchants.update(oid, publicKey, products, ips, status, chaos).orElseThrow();
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
            if (listSigning != null) {
                merchants.setListSigning(oid, listSigning);
            }
            if (cardSms != null) {
                merchants.setCardSmsVerification(oid, cardSms);
            }
            if (notifyHolder != null) {
                merchants.setNotifyCardHolder(oid, notifyHolder);
            }
            if (feeRate != null || refundColumn != null || layout != null || listSigning != null || cardSms != null
                    || notifyHolder != null) {
                m = merchants.find(oid).orElseThrow();
            }
            return m;
        } catch (InvalidKeyTextException e) {
            throw new AdminException(400, "public_key: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    /** The notify_chaos setting the body asks for, or null when it names neither field; sandbox mode only. */
    private NotifyChaos notifyChaos(AdminInput.Body body, NotifyChaos current) {
        String modeText = body.text("notify_chaos", 32).orElse(null);
        String delayText = body.text("notify_chaos_delay", 64).orElse(null);
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
        Json.write(ctx, 200, view(topUp(merchant(ctx).oidPartner(), AdminInput.body(ctx))));
    }

    /** Adds the body's amount to a merchant's available balance: 409 when its reference was used already. */
    Merchant topUp(String oid, AdminInput.Body body) {
        long amount = fen("amount", body.required("amount", AMOUNT_INPUT_LENGTH));
        TopUpReference reference;
        try {
            reference = body.text("reference", TopUpReference.MAX_LENGTH + 1)
                    .map(TopUpReference::operator).orElseGet(TopUpReference::generated);
        } catch (AdminException | IllegalArgumentException e) {
            throw new AdminException(400, TopUpReference.RULE);
        }
        try {
            merchants.topUp(oid, amount, reference);
        } catch (DuplicateTopUpException e) {
            throw new AdminException(409, e.getMessage());
        }
        return merchants.find(oid).orElseThrow();
    }

    private Merchant merchant(Context ctx) {
        return merchant(ctx.pathParam("oid"));
    }

    /** The merchant with this {@code oid_partner}, or 404. */
    Merchant merchant(String oid) {
        return merchants.find(oid).orElseThrow(() -> new AdminException(404, "no merchant " + oid));
    }

    /** A merchant as the admin API and the console show it. */
    View view(Merchant m) {
        Map<Currency, Balances> byCurrency = jdbi.withHandle(h -> ledger.balancesByCurrency(h, m.id()));
        Balances b = byCurrency.get(Money.CNY);
        List<CurrencyBalances> balances = byCurrency.entrySet().stream()
                .map(e -> new CurrencyBalances(e.getKey().getCurrencyCode(), Amounts.format(e.getValue().available()),
                        Amounts.format(e.getValue().unsettled()), Amounts.format(e.getValue().reserved())))
                .toList();
        return new View(m.oidPartner(), m.name(), m.status().name(),
                merchants.catalogue().products().stream().filter(m.products()::contains).map(ProductIdentity::id).toList(),
                m.ipAllowList().isEmpty() ? null : m.ipAllowList().toString(), m.publicKeyText(),
                Amounts.format(b.available()), Amounts.format(b.unsettled()), Amounts.format(b.reserved()), m.createdAt(),
                m.notifyChaos().mode().id(), m.notifyChaos().delay().toString(), m.feeRate().basisPoints(),
                m.refundPaybillColumn().id(), m.reportLayout().id(), m.listSigning().text(), m.cardSmsVerification(),
                m.notifyCardHolder(), balances);
    }

    private static RefundPaybillColumn refundPaybillColumn(String text) {
        return RefundPaybillColumn.byId(text).orElseThrow(() -> new AdminException(400,
                "report_refund_paybill must be no_order or oid_refundno"));
    }

    private static ListSigning listSigning(String text) {
        try {
            return ListSigning.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    private static ReportLayout reportLayout(String text) {
        return ReportLayout.byId(text).orElseThrow(() -> new AdminException(400, "report_layout must be doc or csv"));
    }

    private static MerchantStatus status(String text) {
        return Arrays.stream(MerchantStatus.values()).filter(s -> s.name().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new AdminException(400, "status must be ACTIVE or SUSPENDED"));
    }

    private Set<ProductIdentity> products(AdminInput.Body body) {
        try {
            return merchants.catalogue().parse(body.list("products", Merchants.MAX_PRODUCTS_LENGTH).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "products: " + e.getMessage());
        }
    }

    /** The allow-list the body gives; empty when it gives none (absent, null or blank means any address). */
    private static Optional<IpAllowList> ipAllowList(AdminInput.Body body) {
        return body.list("ip_allow_list", 2 * Merchants.MAX_IP_ALLOW_LIST_LENGTH).map(text -> {
            try {
                return IpAllowList.parse(text);
            } catch (IllegalArgumentException e) {
                throw new AdminException(400, "ip_allow_list: " + e.getMessage());
            }
        });
    }

    private static long fen(String name, String amount) {
        try {
            return Amounts.parseFen(amount.trim());
        } catch (FieldFormatException e) {
            throw new AdminException(400, name + " must look like 100.00 (two decimals at most, 0.01 to 100000000.00)");
        }
    }
}
