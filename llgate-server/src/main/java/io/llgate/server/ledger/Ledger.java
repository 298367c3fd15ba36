package io.llgate.server.ledger;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.store.Columns;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The double-entry ledger. Every movement is one journal entry of a kind for a reference, whose postings sum to
 * zero; each call runs inside the caller's transaction so the movement commits with the state change that causes it.
 * A balance that must stay non-negative is checked by the same UPDATE that moves it. Products keep their posting
 * recipes (which accounts an entry of theirs moves) in their own packages and post them through {@link #post}.
 *
 * <p>Only merchant accounts keep a running balance. The gateway's own accounts (receipts, fees, the bank's
 * side of payouts and refunds) are the counterpart of every merchant's movements: a balance row on them would be
 * locked by each payment until it commits and make all merchants wait for one another. Their balance is the sum
 * of their postings.
 */
public final class Ledger {
    /** Settlement of a business day: unsettled funds become available. */
    public static final EntryKind SETTLEMENT = new EntryKind("SETTLEMENT");
    /** Money from outside credited to a merchant's available balance. */
    public static final EntryKind TOPUP = new EntryKind("TOPUP");

    /** Accounts are locked gateway's first, then by merchant and kind, so two entries cannot deadlock. */
    private static final Comparator<Posting> LOCK_ORDER = Comparator
            .comparing((Posting p) -> p.account().merchantId(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.account().kind().name());

    private final Clock clock;
    private final BusinessCalendar calendar;

    public Ledger(Clock clock, BusinessCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
    }

    /** The business days whose ends settle the ledger; every {@code settle_date} comes from it. */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The {@code settle_date} of money moving now. */
    public String settleDateNow() {
        return calendar.settleDate(clock.instant());
    }

    /** Opens the merchant's accounts; called once when the merchant is created. */
    public void openMerchantAccounts(Handle h, MerchantRef merchant) {
        for (AccountKind kind : AccountKind.values()) {
            if (kind.perMerchant()) {
                h.createUpdate("""
                        INSERT INTO ledger_account (account_key, merchant_id, kind, balance, may_go_negative)
                        VALUES (:key, :merchant, :kind, 0, FALSE)""")
                        .bind("key", "merchant:" + merchant.oidPartner() + ":" + kind.name())
                        .bind("merchant", merchant.id())
                        .bind("kind", kind.name())
                        .execute();
            }
        }
    }

    /**
     * Money from outside credited to the merchant's available balance; the reference is the merchant's own, so a
     * second top-up with it is a unique violation only for the same merchant.
     */
    public void topUp(Handle h, MerchantRef merchant, long fen, String reference) {
        post(h, TOPUP, merchant.oidPartner(), reference, settleDateNow(), List.of(
                Posting.of(Account.gateway(AccountKind.FUNDING), -fen),
                Posting.of(Account.merchant(merchant.id(), AccountKind.AVAILABLE), fen)));
    }

    /** Settlement of a business day: the merchant's unsettled funds become available. */
    public void settle(Handle h, long merchantId, long fen, String settleDate, String reference) {
        post(h, SETTLEMENT, "", reference, settleDate, List.of(
                Posting.of(Account.merchant(merchantId, AccountKind.UNSETTLED), -fen),
                Posting.of(Account.merchant(merchantId, AccountKind.AVAILABLE), fen)));
    }

    /** Posts an entry of {@code kind} for a transaction, on the business day of now. */
    public void post(Handle h, EntryKind kind, TransactionRef transaction, List<Posting> postings) {
        post(h, kind, transaction, settleDateNow(), postings);
    }

    /**
     * Posts an entry of {@code kind} for a transaction on business day {@code settleDate}. Throws
     * {@link InsufficientFundsException} when a merchant balance would go below zero, and a unique violation when
     * the transaction already has an entry of that kind.
     */
    public void post(Handle h, EntryKind kind, TransactionRef transaction, String settleDate, List<Posting> postings) {
        post(h, kind, "", transaction.text(), settleDate, postings);
    }

    /**
     * The merchant's balances of {@code kinds}, locked until the caller's transaction ends, so that a recipe that
     * splits an amount between them cannot see them go stale before it posts.
     */
    public Map<AccountKind, Long> lockBalances(Handle h, long merchantId, AccountKind... kinds) {
        Map<AccountKind, Long> balances = new EnumMap<>(AccountKind.class);
        h.createQuery("SELECT kind, balance FROM ledger_account WHERE merchant_id = :merchant AND kind IN (<kinds>) "
                        + "ORDER BY kind FOR UPDATE")
                .bind("merchant", merchantId)
                .bindList("kinds", Arrays.stream(kinds).map(AccountKind::name).toList())
                .map((rs, ctx) -> Map.entry(AccountKind.valueOf(rs.getString("kind")), rs.getLong("balance")))
                .forEach(e -> balances.put(e.getKey(), e.getValue()));
        return balances;
    }

    /**
     * Every posting of the entries that moved a merchant's money on a business day: found through the merchant's
     * postings of that day, so the query reads that day and not the merchant's history. The entry kinds are picked
     * by the caller: a condition on them would lead H2 to read every entry of those kinds first.
     */
    static final String MOVEMENTS_OF_DAY = """
            SELECT DISTINCT e.id, e.kind, e.reference, a.kind AS account_kind, p.id AS posting_id, p.amount
            FROM ledger_account ma
            JOIN ledger_posting mp ON mp.account_id = ma.id AND mp.settle_date = :day
            JOIN ledger_entry e ON e.id = mp.entry_id
            JOIN ledger_posting p ON p.entry_id = e.id
            JOIN ledger_account a ON a.id = p.account_id
            WHERE ma.merchant_id = :merchant
            ORDER BY e.id, posting_id""";

    /**
     * The merchant's payment receipts and completed refunds of business day {@code settleDate}, oldest first:
     * what reconciliation compares with the day's orders and report.
     */
    public List<Movement> movements(Handle h, long merchantId, String settleDate) {
        Map<Long, Movement> byEntry = new LinkedHashMap<>();
        h.createQuery(MOVEMENTS_OF_DAY)
                .bind("day", settleDate)
                .bind("merchant", merchantId)
                .map((rs, ctx) -> new EntryPosting(rs.getLong("id"), new EntryKind(rs.getString("kind")),
                        rs.getString("reference"), AccountKind.valueOf(rs.getString("account_kind")),
                        rs.getLong("amount")))
                .filter(p -> p.kind().equals(EntryKind.PAYMENT_RECEIPT) || p.kind().equals(EntryKind.REFUND))
                .forEach(p -> {
                    Movement m = byEntry.getOrDefault(p.entryId(), new Movement(p.kind(), p.reference(), settleDate, 0, 0));
                    // A receipt takes money from the outside accounts and pays the fee; a refund does the opposite.
                    long sign = p.kind().equals(EntryKind.REFUND) ? 1 : -1;
                    byEntry.put(p.entryId(), switch (p.account()) {
                        case BANK_RECEIPTS, BANK_REFUNDS -> new Movement(m.kind(), m.reference(), settleDate,
                                m.amount() + sign * p.amount(), m.fee());
                        case FEES -> new Movement(m.kind(), m.reference(), settleDate, m.amount(),
                                m.fee() - sign * p.amount());
                        default -> m;
                    });
                });
        return List.copyOf(byEntry.values());
    }

    /** Every journal entry of a transaction, oldest first, with its postings. */
    public List<JournalEntry> entriesOf(Handle h, TransactionRef transaction) {
        Map<Long, JournalEntry> byEntry = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT e.id, e.kind, e.created_at, a.account_key, a.kind AS account_kind, p.amount, p.settle_date
                        FROM ledger_entry e
                        JOIN ledger_posting p ON p.entry_id = e.id
                        JOIN ledger_account a ON a.id = p.account_id
                        WHERE e.reference = :reference AND e.reference_owner = ''
                        ORDER BY e.id, p.id""")
                .bind("reference", transaction.text())
                .map((rs, ctx) -> new EntryLine(rs.getLong("id"), rs.getString("kind"),
                        Columns.instant(rs, "created_at"), new JournalEntry.Line(rs.getString("account_key"),
                        AccountKind.valueOf(rs.getString("account_kind")), rs.getLong("amount"),
                        rs.getString("settle_date"))))
                .forEach(row -> byEntry.computeIfAbsent(row.entryId(),
                        id -> new JournalEntry(row.kind(), row.postedAt(), new ArrayList<>())).postings().add(row.line()));
        return byEntry.values().stream()
                .map(e -> new JournalEntry(e.kind(), e.postedAt(), List.copyOf(e.postings())))
                .toList();
    }

    private record EntryLine(long entryId, String kind, Instant postedAt, JournalEntry.Line line) {
    }

    private record EntryPosting(long entryId, EntryKind kind, String reference, AccountKind account, long amount) {
    }

    public Balances balances(Handle h, long merchantId) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        h.createQuery("SELECT kind, balance FROM ledger_account WHERE merchant_id = :merchant")
                .bind("merchant", merchantId)
                .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("balance")))
                .forEach(e -> byKind.put(e.getKey(), e.getValue()));
        return new Balances(
                byKind.getOrDefault(AccountKind.AVAILABLE.name(), 0L),
                byKind.getOrDefault(AccountKind.UNSETTLED.name(), 0L),
                byKind.getOrDefault(AccountKind.RESERVED.name(), 0L));
    }

    /** {@code owner} scopes the reference: an oid_partner, or empty for the references the gateway makes unique itself. */
    private void post(Handle h, EntryKind kind, String owner, String reference, String settleDate,
                      List<Posting> postings) {
        // Accounts hold CNY; a foreign amount (exchange payment) is converted before it reaches the ledger.
        postings.stream().filter(p -> !p.amount().currency().equals(Money.CNY)).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException("the ledger keeps CNY; " + kind + " posts " + p.amount());
        });
        long sum = postings.stream().mapToLong(Posting::fen).sum();
        if (sum != 0) {
            throw new IllegalStateException("postings of " + kind + " sum to " + sum);
        }
        long entryId = h.createUpdate("""
                INSERT INTO ledger_entry (kind, reference_owner, reference, created_at)
                VALUES (:kind, :owner, :reference, :now)""")
                .bind("kind", kind.name())
                .bind("owner", owner)
                .bind("reference", reference)
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        // A zero posting (no fee, nothing from one balance) moves nothing and is not written.
        postings.stream().filter(p -> p.fen() != 0).sorted(LOCK_ORDER).forEach(posting -> {
            Account account = posting.account();
            if (account.isMerchants()) {
                // Only merchant accounts keep a balance, and none may go below zero.
                int moved = h.createUpdate("""
                        UPDATE ledger_account SET balance = balance + :amount
                        WHERE merchant_id = :merchant AND kind = :kind AND balance + :amount >= 0""")
                        .bind("amount", posting.fen())
                        .bind("merchant", account.merchantId())
                        .bind("kind", account.kind().name())
                        .execute();
                if (moved == 0) {
                    throw new InsufficientFundsException(account);
                }
            }
            Update insert = h.createUpdate("INSERT INTO ledger_posting (entry_id, account_id, amount, settle_date) "
                    + "SELECT :entry, id, :amount, :settleDate FROM ledger_account WHERE "
                    + (account.isMerchants() ? "merchant_id = :merchant AND kind = :kind" : "account_key = :key"))
                    .bind("entry", entryId)
                    .bind("amount", posting.fen())
                    .bind("settleDate", settleDate);
            if (account.isMerchants()) {
                insert.bind("merchant", account.merchantId()).bind("kind", account.kind().name());
            } else {
                insert.bind("key", account.gatewayKey());
            }
            insert.execute();
        });
    }
}
