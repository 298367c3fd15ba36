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
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The double-entry ledger. Every movement is one journal entry of a kind for a reference, whose postings sum to
 * zero in each currency (an account holds one currency; amounts of two never add up); each call runs inside the
 * caller's transaction so the movement commits with the state change that causes it.
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

    /** Accounts are locked gateway's first, then by merchant, kind and currency, so two entries cannot deadlock. */
    private static final Comparator<Posting> LOCK_ORDER = Comparator
            .comparing((Posting p) -> p.account().merchantId(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.account().kind().name())
            .thenComparing(p -> p.amount().currency().getCurrencyCode());

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

    /** Settlement of a business day: the merchant's unsettled funds in the amount's currency become available. */
    public void settle(Handle h, long merchantId, Money amount, String settleDate, String reference) {
        post(h, SETTLEMENT, "", reference, settleDate, List.of(
                new Posting(Account.merchant(merchantId, AccountKind.UNSETTLED), amount.negated()),
                new Posting(Account.merchant(merchantId, AccountKind.AVAILABLE), amount)));
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
        return lockBalances(h, merchantId, Money.CNY, kinds);
    }

    /**
     * The merchant's balances of {@code kinds} in {@code currency}, locked until the caller's transaction ends; a kind
     * the merchant holds no account of in that currency is missing from the map (its balance is zero).
     */
    public Map<AccountKind, Long> lockBalances(Handle h, long merchantId, Currency currency, AccountKind... kinds) {
        Map<AccountKind, Long> balances = new EnumMap<>(AccountKind.class);
        h.createQuery("SELECT kind, balance FROM ledger_account WHERE merchant_id = :merchant AND currency = :currency "
                        + "AND kind IN (<kinds>) ORDER BY kind FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("currency", currency.getCurrencyCode())
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
            SELECT DISTINCT e.id, e.kind, e.reference, a.kind AS account_kind, a.currency, p.id AS posting_id, p.amount
            FROM ledger_account ma
            JOIN ledger_posting mp ON mp.account_id = ma.id AND mp.settle_date = :day
            JOIN ledger_entry e ON e.id = mp.entry_id
            JOIN ledger_posting p ON p.entry_id = e.id
            JOIN ledger_account a ON a.id = p.account_id
            WHERE ma.merchant_id = :merchant
            ORDER BY e.id, posting_id""";

    /**
     * The merchant's payment receipts and completed refunds of business day {@code settleDate}, oldest first:
     * what reconciliation compares with the day's orders and report, each in its own currency.
     */
    public List<Movement> movements(Handle h, long merchantId, String settleDate) {
        Map<Long, List<EntryPosting>> byEntry = new LinkedHashMap<>();
        h.createQuery(MOVEMENTS_OF_DAY)
                .bind("day", settleDate)
                .bind("merchant", merchantId)
                .map((rs, ctx) -> new EntryPosting(rs.getLong("id"), new EntryKind(rs.getString("kind")),
                        rs.getString("reference"), AccountKind.valueOf(rs.getString("account_kind")),
                        Money.of(rs.getLong("amount"), Currency.getInstance(rs.getString("currency")))))
                .filter(p -> p.kind().equals(EntryKind.PAYMENT_RECEIPT) || p.kind().equals(EntryKind.REFUND))
                .forEach(p -> byEntry.computeIfAbsent(p.entryId(), id -> new ArrayList<>()).add(p));
        return byEntry.values().stream().map(postings -> movement(postings, settleDate)).toList();
    }

    /**
     * One entry as a movement. A receipt takes money from the outside accounts and pays the fee; a refund does the
     * opposite. The yuan that moved with the payer's bank are the bank accounts' postings; an entry in another
     * currency (exchange) moved its amount through the gateway's exchange position in that currency.
     */
    private static Movement movement(List<EntryPosting> postings, String settleDate) {
        EntryPosting first = postings.get(0);
        long sign = first.kind().equals(EntryKind.REFUND) ? 1 : -1;
        Currency currency = postings.stream().map(p -> p.amount().currency()).filter(c -> !c.equals(Money.CNY))
                .findFirst().orElse(Money.CNY);
        long yuan = 0;
        long exchanged = 0;
        long fee = 0;
        for (EntryPosting p : postings) {
            long amount = p.amount().minor();
            switch (p.account()) {
                case BANK_RECEIPTS, BANK_REFUNDS -> yuan += sign * amount;
                case FEES -> fee -= sign * amount;
                case EXCHANGE -> exchanged += p.amount().currency().equals(currency) ? sign * amount : 0;
                default -> { }
            }
        }
        long amount = currency.equals(Money.CNY) ? yuan : exchanged;
        return new Movement(first.kind(), first.reference(), settleDate, amount, fee, currency, yuan);
    }

    /** Every journal entry of a transaction, oldest first, with its postings. */
    public List<JournalEntry> entriesOf(Handle h, TransactionRef transaction) {
        Map<Long, JournalEntry> byEntry = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT e.id, e.kind, e.created_at, a.account_key, a.kind AS account_kind, a.currency, p.amount,
                               p.settle_date
                        FROM ledger_entry e
                        JOIN ledger_posting p ON p.entry_id = e.id
                        JOIN ledger_account a ON a.id = p.account_id
                        WHERE e.reference = :reference AND e.reference_owner = ''
                        ORDER BY e.id, p.id""")
                .bind("reference", transaction.text())
                .map((rs, ctx) -> new EntryLine(rs.getLong("id"), rs.getString("kind"),
                        Columns.instant(rs, "created_at"), new JournalEntry.Line(rs.getString("account_key"),
                        AccountKind.valueOf(rs.getString("account_kind")), rs.getLong("amount"),
                        rs.getString("settle_date"), Currency.getInstance(rs.getString("currency")))))
                .forEach(row -> byEntry.computeIfAbsent(row.entryId(),
                        id -> new JournalEntry(row.kind(), row.postedAt(), new ArrayList<>())).postings().add(row.line()));
        return byEntry.values().stream()
                .map(e -> new JournalEntry(e.kind(), e.postedAt(), List.copyOf(e.postings())))
                .toList();
    }

    private record EntryLine(long entryId, String kind, Instant postedAt, JournalEntry.Line line) {
    }

    private record EntryPosting(long entryId, EntryKind kind, String reference, AccountKind account, Money amount) {
    }

    /** The merchant's CNY balances. */
    public Balances balances(Handle h, long merchantId) {
        return balances(h, merchantId, Money.CNY);
    }

    /** The merchant's balances in {@code currency}: zero in a currency it never held. */
    public Balances balances(Handle h, long merchantId, Currency currency) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        h.createQuery("SELECT kind, balance FROM ledger_account WHERE merchant_id = :merchant AND currency = :currency")
                .bind("merchant", merchantId)
                .bind("currency", currency.getCurrencyCode())
                .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("balance")))
                .forEach(e -> byKind.put(e.getKey(), e.getValue()));
        return new Balances(
                byKind.getOrDefault(AccountKind.AVAILABLE.name(), 0L),
                byKind.getOrDefault(AccountKind.UNSETTLED.name(), 0L),
                byKind.getOrDefault(AccountKind.RESERVED.name(), 0L));
    }

    /** The currencies the merchant has accounts in: CNY first (every merchant has it), then by code. */
    public List<Currency> currencies(Handle h, long merchantId) {
        List<Currency> currencies = new ArrayList<>(List.of(Money.CNY));
        h.createQuery("SELECT DISTINCT currency FROM ledger_account WHERE merchant_id = :merchant AND currency <> 'CNY' "
                        + "ORDER BY currency")
                .bind("merchant", merchantId)
                .mapTo(String.class)
                .forEach(code -> currencies.add(Currency.getInstance(code)));
        return List.copyOf(currencies);
    }

    /** The merchant's balances in every currency it has accounts in, CNY first. */
    public Map<Currency, Balances> balancesByCurrency(Handle h, long merchantId) {
        Map<Currency, Balances> balances = new LinkedHashMap<>();
        for (Currency currency : currencies(h, merchantId)) {
            balances.put(currency, balances(h, merchantId, currency));
        }
        return balances;
    }

    /** {@code owner} scopes the reference: an oid_partner, or empty for the references the gateway makes unique itself. */
    private void post(Handle h, EntryKind kind, String owner, String reference, String settleDate,
                      List<Posting> postings) {
        // Amounts of different currencies never add up: each currency's postings balance on their own.
        Map<String, Long> sums = new TreeMap<>();
        postings.forEach(p -> sums.merge(p.amount().currency().getCurrencyCode(), p.hundredths(), Math::addExact));
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("postings of " + kind + " sum to " + sum + " " + currency);
            }
        });
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
        postings.stream().filter(p -> p.hundredths() != 0).sorted(LOCK_ORDER).forEach(posting -> {
            if (posting.account().isMerchants()) {
                // Only merchant accounts keep a balance, and none may go below zero.
                boolean moved = moveBalance(h, posting)
                        || (open(h, posting.account(), posting.amount().currency()) && moveBalance(h, posting));
                if (!moved) {
                    throw new InsufficientFundsException(posting.account());
                }
            }
            if (!insertPosting(h, entryId, posting, settleDate)) {
                // A gateway account in a currency it never held: opened now, as a merchant's is above.
                open(h, posting.account(), posting.amount().currency());
                if (!insertPosting(h, entryId, posting, settleDate)) {
                    throw new IllegalStateException("no ledger account " + posting.account() + " "
                            + posting.amount().currency());
                }
            }
        });
    }

    /** Moves a merchant account's balance, unless it would go below zero or the account is not open. */
    private static boolean moveBalance(Handle h, Posting posting) {
        return h.createUpdate("""
                        UPDATE ledger_account SET balance = balance + :amount
                        WHERE merchant_id = :merchant AND kind = :kind AND currency = :currency
                          AND balance + :amount >= 0""")
                .bind("amount", posting.hundredths())
                .bind("merchant", posting.account().merchantId())
                .bind("kind", posting.account().kind().name())
                .bind("currency", posting.amount().currency().getCurrencyCode())
                .execute() > 0;
    }

    private static boolean insertPosting(Handle h, long entryId, Posting posting, String settleDate) {
        Account account = posting.account();
        Update insert = h.createUpdate("INSERT INTO ledger_posting (entry_id, account_id, amount, settle_date) "
                        + "SELECT :entry, id, :amount, :settleDate FROM ledger_account WHERE "
                        + (account.isMerchants() ? "merchant_id = :merchant AND kind = :kind AND currency = :currency"
                        : "account_key = :key"))
                .bind("entry", entryId)
                .bind("amount", posting.hundredths())
                .bind("settleDate", settleDate);
        if (account.isMerchants()) {
            insert.bind("merchant", account.merchantId())
                    .bind("kind", account.kind().name())
                    .bind("currency", posting.amount().currency().getCurrencyCode());
        } else {
            insert.bind("key", account.gatewayKey(posting.amount().currency()));
        }
        return insert.execute() > 0;
    }

    /**
     * Opens the account in {@code currency} on its first posting; false when there is none to open (a merchant's CNY
     * account always is), so a failed posting is not worth trying again. A merchant's account in
     * another currency has the key is the CNY
     * account's with the currency after it. Two first postings at once both insert: the database makes the second
     * wait for the first and then do nothing, and both go on to post to the one account.
     */
    private static boolean open(Handle h, Account account, Currency currency) {
        if (account.isMerchants()) {
            if (currency.equals(Money.CNY)) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO ledger_account (account_key, merchant_id, kind, currency, balance, may_go_negative)
                            SELECT account_key || :suffix, merchant_id, kind, :currency, 0, FALSE FROM ledger_account
                            WHERE merchant_id = :merchant AND kind = :kind AND currency = 'CNY'
                            ON CONFLICT DO NOTHING""")
                    .bind("suffix", Account.suffix(currency))
                    .bind("currency", currency.getCurrencyCode())
                    .bind("merchant", account.merchantId())
                    .bind("kind", account.kind().name())
                    .execute();
            return true;
        }
        h.createUpdate("""
                        INSERT INTO ledger_account (account_key, merchant_id, kind, currency, balance, may_go_negative)
                        VALUES (:key, NULL, :kind, :currency, 0, TRUE)
                        ON CONFLICT DO NOTHING""")
                .bind("key", account.gatewayKey(currency))
                .bind("kind", account.kind().name())
                .bind("currency", currency.getCurrencyCode())
                .execute();
        return true;
    }
}
