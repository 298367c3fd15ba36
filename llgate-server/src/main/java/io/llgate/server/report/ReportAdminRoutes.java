package io.llgate.server.report;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.ledger.DayNotEndedException;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /admin/reports}: list, generate (or regenerate) and download report files, and
 * {@code /admin/reconciliation}: the reconciliation check of a business day.
 */
public final class ReportAdminRoutes {
    private final ReportFiles files;
    private final Reconciliation reconciliation;
    private final Merchants merchants;

    public ReportAdminRoutes(ReportFiles files, Reconciliation reconciliation, Merchants merchants) {
        this.files = files;
        this.reconciliation = reconciliation;
        this.merchants = merchants;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/reports", this::list);
        routes.post("/admin/reports/generate", this::generate);
        routes.get("/admin/reports/{name}", this::download);
        routes.get("/admin/reconciliation", this::reconcile);
    }

    private void list(Context ctx) {
        Optional<String> date = param(ctx, "date");
        Optional<String> month = param(ctx, "month");
        if (date.isPresent() && month.isPresent()) {
            throw new AdminException(400, "give date or month, not both");
        }
        Optional<String> period = date.map(d -> BusinessDays.format(parse("date", () -> BusinessDays.parseDay(d))))
                .or(() -> month.map(m -> BusinessDays.format(parse("month", () -> BusinessDays.parseMonth(m)))));
        Optional<ReportKind> kind = param(ctx, "kind").map(ReportAdminRoutes::kind);
        int limit = AdminInput.wholeNumber(ctx, "limit", 1, 1000).orElse(100);
        boolean all = AdminInput.bool(ctx, "all_revisions").orElse(false);
        List<ReportFiles.StoredFile> found = files.list(new ReportFiles.Filter(param(ctx, "merchant"), kind, period, all),
                limit);
        Json.write(ctx, 200, Map.of("files", found));
    }

    private void generate(Context ctx) {
        AdminInput.Body body = AdminInput.body(ctx);
        String date = body.text("date", 32).orElse(null);
        String month = body.text("month", 32).orElse(null);
        if ((date == null) == (month == null)) {
            throw new AdminException(400, "give date (yyyyMMdd) or month (yyyyMM)");
        }
        Optional<Merchant> merchant = merchant(body.text("merchant", 64).orElse(null));
        boolean replace = body.bool("replace").orElse(false);
        List<ReportFiles.Generated> generated;
        try {
            generated = date != null
                    ? files.generateDay(parse("date", () -> BusinessDays.parseDay(date)), merchant, replace)
                    : files.generateMonth(parse("month", () -> BusinessDays.parseMonth(month)), merchant, replace);
        } catch (DayNotEndedException e) {
            throw new AdminException(409, e.getMessage());
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("period", date != null ? date.trim() : month.trim());
        reply.put("replace", replace);
        for (ReportFiles.Outcome outcome : ReportFiles.Outcome.values()) {
            reply.put(outcome.name().toLowerCase(Locale.ROOT),
                    generated.stream().filter(g -> g.outcome() == outcome).count());
        }
        reply.put("files", generated);
        Json.write(ctx, 200, reply);
    }

    private void download(Context ctx) {
        file(ctx.pathParam("name"), AdminInput.wholeNumber(ctx, "revision", 1, Integer.MAX_VALUE)).reply().writeTo(ctx);
    }

    /** A stored report file by its name, the latest revision or the one asked for; 404 when there is none. */
    ReportFiles.FileContent file(String name, Optional<Integer> revision) {
        ReportKind.FileName file = ReportKind.parseName(name)
                .orElseThrow(() -> new AdminException(404, "no report file " + name
                        + " (names are JYMX_{oid_partner}_{yyyyMMdd}.txt, JYMXSUM_..._{yyyyMMdd}.txt, JYMX_..._{yyyyMM}.txt, "
                        + "FKMX_..._{yyyyMMdd}.txt, FKMX_..._{yyyyMM}.txt)"));
        return files.find(file.oidPartner(), file.kind(), file.period(), revision)
                .orElseThrow(() -> new AdminException(404, "no report file " + name
                        + revision.map(r -> " revision " + r).orElse("")));
    }

    private void reconcile(Context ctx) {
        Json.write(ctx, 200, reconcile(param(ctx, "date").orElse(null), param(ctx, "merchant").orElse(null)));
    }

    /** The reconciliation of a business day ({@code yyyyMMdd}), for one merchant or every one; 409 before it ends. */
    Reconciliation.Result reconcile(String date, String oidPartner) {
        if (date == null) {
            throw new AdminException(400, "date (yyyyMMdd) is required");
        }
        LocalDate day = parse("date", () -> BusinessDays.parseDay(date));
        Optional<Merchant> merchant = merchant(oidPartner);
        try {
            return reconciliation.check(day, merchant);
        } catch (DayNotEndedException e) {
            throw new AdminException(409, e.getMessage());
        }
    }

    private Optional<Merchant> merchant(String oidPartner) {
        if (oidPartner == null || oidPartner.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(merchants.find(oidPartner.trim())
                .orElseThrow(() -> new AdminException(404, "no merchant " + oidPartner.trim())));
    }

    private static Optional<String> param(Context ctx, String name) {
        return AdminInput.query(ctx, name);
    }

    private static <T> T parse(String name, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, name + ": " + e.getMessage());
        }
    }

    private static ReportKind kind(String text) {
        try {
            return ReportKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "kind must be DAILY, SUMMARY, MONTHLY, PAYOUT_DAILY or PAYOUT_MONTHLY");
        }
    }
}
