package io.llgate.server.transaction;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.TransactionCursor;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code /admin/transactions}: every product's transactions, filtered and keyset-paged; one in detail. */
public final class TransactionAdminRoutes {
    private final Transactions transactions;

    public TransactionAdminRoutes(Transactions transactions) {
        this.transactions = transactions;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/transactions", this::list);
        routes.get("/admin/transactions/{ref}", this::show);
    }

    private void list(Context ctx) {
        Json.write(ctx, 200, transactions.list(query(ctx, transactions)));
    }

    private void show(Context ctx) {
        String ref = ctx.pathParam("ref");
        Json.write(ctx, 200, transactions.find(ref)
                .orElseThrow(() -> new AdminException(404, "no transaction " + ref)));
    }

    /**
     * The list query in a request's parameters, as the admin API and the console take them: {@code merchant},
     * {@code product} (ids, comma-separated), {@code status}, {@code from}, {@code to}, {@code q} (an order, paybill
     * or refund number), {@code after} (the previous page's {@code next}) and {@code limit}. Throws a 400
     * {@link AdminException} naming what is wrong.
     */
    static TransactionQuery query(Context ctx, Transactions transactions) {
        Set<ProductIdentity> products = new LinkedHashSet<>();
        AdminInput.query(ctx, "product").ifPresent(text -> Arrays.stream(text.split("[,\\s]+"))
                .filter(id -> !id.isBlank())
                .forEach(id -> products.add(transactions.products().stream()
                        .filter(p -> p.id().equals(id.trim().toLowerCase(Locale.ROOT).replace('_', '-')))
                        .findFirst()
                        .orElseThrow(() -> new AdminException(400, "unknown product " + id + "; products with "
                                + "transactions: " + String.join(", ", transactions.products().stream()
                                .map(ProductIdentity::id).toList()))))));
        String status = AdminInput.query(ctx, "status").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        if (status != null && !transactions.statuses().contains(status)) {
            throw new AdminException(400, "unknown status " + status + "; statuses: "
                    + String.join(", ", transactions.statuses()));
        }
        Instant from = AdminInput.instant(ctx, "from").orElse(null);
        Instant to = AdminInput.instant(ctx, "to").orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new AdminException(400, "from must be before to");
        }
        Optional<TransactionCursor> after = AdminInput.query(ctx, "after").map(text -> TransactionCursor.parse(text)
                .orElseThrow(() -> new AdminException(400, "after must be the next cursor of a previous page")));
        int limit = AdminInput.wholeNumber(ctx, "limit", 1, TransactionQuery.MAX_LIMIT)
                .orElse(TransactionQuery.DEFAULT_LIMIT);
        return new TransactionQuery(products, AdminInput.query(ctx, "merchant").orElse(null), status, from, to,
                AdminInput.query(ctx, "q").orElse(null), after, limit);
    }
}
