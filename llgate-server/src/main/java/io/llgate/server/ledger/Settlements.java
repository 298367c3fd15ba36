package io.llgate.server.ledger;

import io.llgate.server.kernel.Money;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.store.Columns;
import io.llgate.server.store.Conflicts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Settlement: when a business day ends, each merchant's unsettled funds of that day and the days before it
 * become available, as one {@code SETTLEMENT} ledger entry and one {@code settlement} row per merchant, day and
 * currency: each currency's unsettled account is settled on its own, and amounts of two currencies never add up.
 *
 * <p>The amount settled for day D is the sum of the merchant's unsettled postings of entries whose
 * {@code settle_date} is D or earlier, together with every settlement already made: the unsettled balance less
 * what the days after D moved. It is never below zero and never more than the unsettled balance holds, since a
 * refund of a later day may already have taken that money. The days to settle are those with postings after the
 * merchant's last settlement, so a run reads the days since then and not the ledger's history.
 * Several nodes may run it at once: each settlement locks the merchant's unsettled account, the
 * {@code settlement} row is unique per merchant, day and currency, and a node that loses the race skips the day.
 */
public final class Settlements {
    /**
     * The automatic run waits this long after a cut-off, so that a payment whose transaction began just before
     * it has committed; one that commits later still is carried by the merchant's next settlement.
     */
    static final Duration GRACE = Duration.ofMinutes(1);

    /** A listing's order: newest day first, then by merchant. */
    private static final Comparator<Settlement> LISTING_ORDER = Comparator.comparing(Settlement::settleDate).reversed()
            .thenComparing(Settlement::oidPartner)
            .thenComparing(s -> s.currency().equals(Money.CNY) ? "" : s.currency().getCurrencyCode());

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final Merchants merchants;
    /** The last day this node settled through: the per-second sweep does nothing until another day ends. */
    private volatile LocalDate settledThrough;

    public Settlements(Jdbi jdbi, Clock clock, Ledger ledger, Merchants merchants) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.merchants = merchants;
    }

    /** One merchant's settlement of one business day in one currency, amount in hundredths of it. */
    public record Settlement(String oidPartner, String settleDate, long amount, Instant createdAt, Currency currency) {

        /** A CNY settlement. */
        public Settlement(String oidPartner, String settleDate, long amount, Instant createdAt) {
            this(oidPartner, settleDate, amount, createdAt, Money.CNY);
        }

        /** The amount with its currency. */
        public Money money() {
            return Money.of(amount, currency);
        }
    }

    /** What a run did: the last day it covered and the settlements it made, oldest day first. */
    public record Run(String through, List<Settlement> settled) {
    }

    /** Settles every day that ended at least {@link #GRACE} ago and is not settled yet; run by the sweeper. */
    public void settleDue() {
        LocalDate through = ledger.calendar().lastEnded(clock.instant().minus(GRACE));
        if (through.equals(settledThrough)) {
            return;
        }
        settleThrough(through);
        settledThrough = through;
    }

    /**
     * An operator's run: settles every unsettled day up to {@code day} (every ended day when empty). Throws
     * {@link DayNotEndedException} for a day that has not ended.
     */
    public Run run(Optional<LocalDate> day) {
        Instant now = clock.instant();
        LocalDate through = day.orElse(ledger.calendar().lastEnded(now));
        DayNotEndedException.requireEnded(ledger.calendar(), "business day " + BusinessDays.format(through), through, now);
        return settleThrough(through);
    }

    /**
     * Settlements made, newest first, of one merchant and/or one day when given; within a day by merchant. The page
     * is taken in the order of the merchants' row ids and labelled with their {@code oid_partner} by one lookup.
     */
    public List<Settlement> list(Optional<String> oidPartner, Optional<LocalDate> day, int limit) {
        return jdbi.withHandle(h -> {
            Optional<Long> merchantId = Optional.empty();
            if (oidPartner.isPresent()) {
                merchantId = merchants.idOf(h, oidPartner.get());
                if (merchantId.isEmpty()) {
                    return List.<Settlement>of();
                }
            }
            Query query = h.createQuery("SELECT merchant_id, settle_date, amount, created_at, currency FROM settlement WHERE 1 = 1"
                    + (merchantId.isPresent() ? " AND merchant_id = :merchant" : "")
                    + (day.isPresent() ? " AND settle_date = :day" : "")
                    + " ORDER BY settle_date DESC, merchant_id LIMIT :limit");
            merchantId.ifPresent(id -> query.bind("merchant", id));
            day.ifPresent(d -> query.bind("day", BusinessDays.format(d)));
            List<Map.Entry<Long, Settlement>> rows = query.bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getLong("merchant_id"), new Settlement(null,
                            rs.getString("settle_date"), rs.getLong("amount"), Columns.instant(rs, "created_at"),
                            Currency.getInstance(rs.getString("currency")))))
                    .list();
            Map<Long, String> oids = merchants.oidPartners(h, rows.stream().map(Map.Entry::getKey).toList());
            return rows.stream()
                    .map(row -> new Settlement(oids.get(row.getKey()), row.getValue().settleDate(),
                            row.getValue().amount(), row.getValue().createdAt(), row.getValue().currency()))
                    .sorted(LISTING_ORDER)
                    .toList();
        });
    }

    /**
     * The days of one unsettled account with postings from {@code :first} (the day after its last settlement) to
     * {@code :last}: what the merchant has to settle. Settlement postings carry the day they settled, so none is
     * after the last one. The bounds are inclusive because an index range starting at an excluded value reads
     * every row of that value first.
     */
    static final String DAYS_TO_SETTLE = """
            SELECT DISTINCT settle_date FROM ledger_posting
            WHERE account_id = :account AND settle_date >= :first AND settle_date <= :last
            ORDER BY settle_date""";

    /**
     * What an unsettled account received from day {@code :first} on, settlements aside: the balance less this is
     * what the days before {@code :first} left unsettled, read from the few days since rather than from every day
     * before.
     */
    static final String MOVED_SINCE = """
            SELECT COALESCE(SUM(p.amount), 0) FROM ledger_posting p
            JOIN ledger_entry e ON e.id = p.entry_id
            WHERE p.account_id = :account AND p.settle_date >= :first AND e.kind <> 'SETTLEMENT'""";

    private Run settleThrough(LocalDate through) {
        String last = BusinessDays.format(through);
        List<Settlement> settled = new ArrayList<>();
        for (UnsettledAccount account : unsettledAccounts()) {
            // Days are settled oldest first, so each day's amount already counts the settlements before it.
            for (String day : daysToSettle(account, last)) {
                settle(account, day).ifPresent(settled::add);
            }
        }
        return new Run(last, settled);
    }

    private record UnsettledAccount(long id, long merchantId, Currency currency, String oidPartner, long balance,
                                    String settledThrough) {
    }

    /**
     * Every merchant's unsettled account in every currency, labelled with the merchants' {@code oid_partner} by one
     * lookup; each currency's settlements are its own.
     */
    private List<UnsettledAccount> unsettledAccounts() {
        return jdbi.withHandle(h -> {
            List<UnsettledAccount> accounts = h.createQuery("""
                            SELECT a.id, a.merchant_id, a.currency, a.balance,
                                   (SELECT MAX(s.settle_date) FROM settlement s
                                    WHERE s.merchant_id = a.merchant_id AND s.currency = a.currency) AS settled_through
                            FROM ledger_account a
                            WHERE a.kind = 'UNSETTLED' AND a.merchant_id IS NOT NULL
                            ORDER BY a.merchant_id, a.currency""")
                    .map((rs, ctx) -> new UnsettledAccount(rs.getLong("id"), rs.getLong("merchant_id"),
                            Currency.getInstance(rs.getString("currency")), null, rs.getLong("balance"),
                            rs.getString("settled_through")))
                    .list();
            Map<Long, String> oids = merchants.oidPartners(h, accounts.stream().map(UnsettledAccount::merchantId).toList());
            return accounts.stream()
                    .map(a -> new UnsettledAccount(a.id(), a.merchantId(), a.currency(), oids.get(a.merchantId()),
                            a.balance(), a.settledThrough()))
                    .toList();
        });
    }

    private List<String> daysToSettle(UnsettledAccount account, String last) {
        String first = account.settledThrough() == null ? "" : dayAfter(account.settledThrough());
        if (first.compareTo(last) > 0) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            List<String> days = h.createQuery(DAYS_TO_SETTLE)
                    .bind("account", account.id())
                    .bind("first", first)
                    .bind("last", last)
                    .mapTo(String.class)
                    .list();
            if (days.isEmpty() && account.balance() > 0 && movedSince(h, account.id(), dayAfter(last)) < account.balance()) {
                // Money of an already settled day that committed after its settlement, and no later day to carry it:
                // the last ended day settles it rather than leaving it unsettled until the merchant's next sale.
                return List.of(last);
            }
            return days;
        });
    }

    /** Settles one day of one merchant's unsettled account, unless another run already has. */
    private Optional<Settlement> settle(UnsettledAccount account, String day) {
        try {
            return jdbi.inTransaction(h -> {
                // The lock makes settlements and refunds of this merchant wait for each other.
                long balance = h.createQuery("SELECT balance FROM ledger_account WHERE id = :id FOR UPDATE")
                        .bind("id", account.id())
                        .mapTo(Long.class)
                        .one();
                if (alreadySettled(h, account.merchantId(), account.currency(), day)) {
                    return Optional.<Settlement>empty();
                }
                long due = balance - movedSince(h, account.id(), dayAfter(day));
                long amount = Math.max(0, Math.min(due, balance));
                Instant now = clock.instant();
                h.createUpdate("""
                                INSERT INTO settlement (merchant_id, settle_date, amount, created_at, currency)
                                VALUES (:merchant, :day, :amount, :now, :currency)""")
                        .bind("merchant", account.merchantId())
                        .bind("currency", account.currency().getCurrencyCode())
                        .bind("day", day)
                        .bind("amount", amount)
                        .bind("now", now)
                        .execute();
                if (amount > 0) {
                    ledger.settle(h, account.merchantId(), Money.of(amount, account.currency()), day,
                            reference(account.oidPartner(), day, account.currency()));
                }
                return Optional.of(new Settlement(account.oidPartner(), day, amount, now, account.currency()));
            });
        } catch (RuntimeException e) {
            if (Conflicts.isUniqueViolation(e)) {
                // Another node settled this merchant's day first.
                return Optional.empty();
            }
            throw e;
        }
    }

    private static long movedSince(Handle h, long account, String first) {
        return h.createQuery(MOVED_SINCE)
                .bind("account", account)
                .bind("first", first)
                .mapTo(Long.class)
                .one();
    }

    private static boolean alreadySettled(Handle h, long merchantId, Currency currency, String day) {
        return h.createQuery("SELECT COUNT(*) FROM settlement WHERE merchant_id = :merchant AND settle_date = :day "
                        + "AND currency = :currency")
                .bind("merchant", merchantId)
                .bind("currency", currency.getCurrencyCode())
                .bind("day", day)
                .mapTo(Integer.class)
                .one() > 0;
    }

    private static String dayAfter(String day) {
        return BusinessDays.format(BusinessDays.parseDay(day).plusDays(1));
    }

    /** The ledger reference of a merchant's settlement of a day in a currency: CNY's as it always was. */
    static String reference(String oidPartner, String settleDate, Currency currency) {
        return "settlement:" + oidPartner + ":" + settleDate + Account.suffix(currency);
    }
}
