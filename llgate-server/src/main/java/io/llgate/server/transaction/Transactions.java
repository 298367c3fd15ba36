package io.llgate.server.transaction;

import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionSource;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.ledger.JournalEntry;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.Notifications;
import io.llgate.server.security.Masking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every product's transactions in one list and one detail, for the admin API and the console: each registered
 * product's {@link TransactionSource} answers from its own tables, and pages are merged here in
 * {@link TransactionRow#ORDER}, keyset by keyset. Card, ID and mobile numbers in a transaction's facts leave masked;
 * its notifications are as sent, as the notification log gives them (the console masks what it shows).
 */
public final class Transactions {
    private final Jdbi jdbi;
    private final Merchants merchants;
    private final Ledger ledger;
    private final Notifications notifications;
    private final List<TransactionSource> sources;

    public Transactions(Jdbi jdbi, Merchants merchants, Ledger ledger, Notifications notifications,
                        List<TransactionSource> sources) {
        this.jdbi = jdbi;
        this.merchants = merchants;
        this.ledger = ledger;
        this.notifications = notifications;
        this.sources = List.copyOf(sources);
    }

    /** One page of the list, and the cursor of the next page when there is one. */
    public record Page(List<TransactionSummary> transactions, String next) {
    }

    /** One moment of a transaction: the product's own, a ledger entry, or a notification. */
    public record Moment(Instant at, String what) {
    }

    /**
     * One transaction in detail.
     *
     * @param refundOf      for a refund, the reference of the payment it returns money of
     * @param notifications every notification about it, each with its exact body and every attempt
     */
    public record Detail(TransactionSummary transaction, List<Moment> timeline, Map<String, String> facts,
                         List<JournalEntry> postings, String refundOf, List<TransactionSummary> refunds,
                         List<Notifications.Detail> notifications) {
    }

    /** The products that list transactions, in registration order. */
    public List<ProductIdentity> products() {
        return sources.stream().map(source -> source.table().product()).toList();
    }

    /** Every state name of every product, in order. */
    public Set<String> statuses() {
        Set<String> statuses = new LinkedHashSet<>();
        sources.forEach(source -> statuses.addAll(source.table().statuses()));
        return statuses;
    }

    public Page list(TransactionQuery query) {
        return jdbi.withHandle(h -> {
            Long merchantId = null;
            if (query.merchant() != null) {
                Optional<Long> id = merchants.idOf(h, query.merchant());
                if (id.isEmpty()) {
                    return new Page(List.of(), null);
                }
                merchantId = id.get();
            }
            TransactionSource.Filter filter = new TransactionSource.Filter(merchantId, query.status(), query.from(),
                    query.to(), query.search());
            List<TransactionRow> rows = new ArrayList<>();
            for (TransactionSource source : sources) {
                TransactionTable table = source.table();
                if ((query.products().isEmpty() || query.products().contains(table.product()))
                        && (query.status() == null || table.statuses().contains(query.status()))) {
                    // One more than the page from each: whether any product has more decides the next link.
                    rows.addAll(table.page(h, filter, query.after(), query.limit() + 1));
                }
            }
            rows.sort(TransactionRow.ORDER);
            List<TransactionRow> page = rows.subList(0, Math.min(query.limit(), rows.size()));
            String next = rows.size() > query.limit() ? page.get(page.size() - 1).cursor().text() : null;
            return new Page(summaries(h, page), next);
        });
    }

    /** The transaction a reference such as {@code refund:7} names, with everything known about it. */
    public Optional<Detail> find(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(ref.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String productId = ref.substring(0, colon);
        return sources.stream().filter(s -> s.table().product().id().equals(productId)).findFirst()
                .flatMap(source -> jdbi.withHandle(h -> source.detail(h, id).map(d -> detail(h, d))));
    }

    private Detail detail(Handle h, TransactionSource.Detail d) {
        TransactionRow row = d.row();
        List<Notifications.Detail> sent = d.notificationReference() == null ? List.of()
                : notifications.about(h, row.merchantId(), row.ref().product().name(), d.notificationReference());
        List<JournalEntry> postings = ledger.entriesOf(h, row.ref());
        List<TransactionRow> refunds = new ArrayList<>();
        sources.forEach(source -> refunds.addAll(source.refundsOf(h, row.ref())));

        List<Moment> timeline = new ArrayList<>();
        d.timeline().forEach(e -> timeline.add(new Moment(e.at(), e.what())));
        postings.forEach(e -> timeline.add(new Moment(e.postedAt(), "ledger entry " + e.kind())));
        refunds.forEach(r -> timeline.add(new Moment(r.createdAt(), "refund " + r.refundNumber() + " applied: "
                + r.amount().wire() + (r.amount().currency().equals(Money.CNY) ? "" : " " + r.amount().currency()))));
        sent.forEach(n -> {
            timeline.add(new Moment(n.notification().createdAt(), "notification " + n.notification().id() + " queued ("
                    + n.notification().result() + ")"));
            n.attempts().forEach(a -> timeline.add(new Moment(a.startedAt(), "notification " + n.notification().id()
                    + " attempt " + a.attemptNo() + ": " + a.outcome()
                    + (a.httpStatus() == null ? "" : " HTTP " + a.httpStatus()))));
        });
        timeline.sort(Comparator.comparing(Moment::at));

        Map<String, String> facts = new LinkedHashMap<>();
        d.facts().forEach((name, value) -> facts.put(name, Masking.field(name, value)));
        String oidPartner = merchants.ref(h, row.merchantId()).oidPartner();
        return new Detail(TransactionSummary.of(row, oidPartner), timeline, facts, postings,
                d.refundOf().map(TransactionRef::text).orElse(null), summaries(h, refunds), sent);
    }

    private List<TransactionSummary> summaries(Handle h, List<TransactionRow> rows) {
        Map<Long, String> oids = merchants.oidPartners(h, rows.stream().map(TransactionRow::merchantId).toList());
        return rows.stream().map(row -> TransactionSummary.of(row, oids.get(row.merchantId()))).toList();
    }
}
