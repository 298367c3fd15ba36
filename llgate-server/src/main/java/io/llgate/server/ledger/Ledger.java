package io.llgate.server.ledger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The double-entry ledger. Every movement is one journal entry whose postings sum to zero;
 * each call runs inside the caller's transaction so the movement commits with the state change
 * that causes it. A balance that must stay non-negative is checked by the same UPDATE that moves it.
 *
 * <p>Only merchant accounts keep a running balance. The gateway's own accounts (receipts, fees, the bank's
 * side of payouts and refunds) are the counterpart of every merchant's movements: a balance row on them would be
 * locked by each payment until it commits and make all merchants wait for one another. Their balance is the sum
 * of their postings.
 */
public final class Ledger {
    private static final String GATEWAY_KEY_PREFIX = "gateway:";
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
    public void openMerchantAccounts(Handle h, long merchantId, String oidPartner) {
        for (AccountKind kind : AccountKind.values()) {
            if (kind.perMerchant()) {
                h.createUpdate("""
                        INSERT INTO ledger_account (account_key, merchant_id, kind, balance, may_go_negative)
                        VALUES (:key, :merchant, :kind, 0, FALSE)""")
                        .bind("key", merchantKey(oidPartner, kind))
                        .bind("merchant", merchantId)
                        .bind("kind", kind.name())
                        .execute();
            }
        }
    }

    /**
     * Money from outside credited to the merchant's available balance; the reference is the merchant's own, so a
     * second top-up with it is a unique violation only for the same merchant.
     */
    public void topUp(Handle h, String oidPartner, long fen, String reference) {
        post(h, "TOPUP", oidPartner, reference, settleDateNow(), Map.of(
                systemKey(AccountKind.FUNDING), -fen,
                merchantKey(oidPartner, AccountKind.AVAILABLE), fen));
    }

    /** Holds a payout's amount; throws {@link InsufficientFundsException} when available funds are short. */
    public void reservePayout(Handle h, String oidPartner, long fen, String reference) {
        post(h, "PAYOUT_RESERVE", reference, Map.of(
                merchantKey(oidPartner, AccountKind.AVAILABLE), -fen,
                merchantKey(oidPartner, AccountKind.RESERVED), fen));
    }

    /** The bank paid the payee: the reserve leaves the merchant. */
    public void completePayout(Handle h, String oidPartner, long fen, String reference) {
        post(h, "PAYOUT_SUCCESS", reference, Map.of(
                merchantKey(oidPartner, AccountKind.RESERVED), -fen,
                systemKey(AccountKind.BANK_PAYOUTS), fen));
    }

    /** The payout failed or was never made: the reserve goes back to available. */
    public void releasePayout(Handle h, String oidPartner, long fen, String reference) {
        post(h, "PAYOUT_RELEASE", reference, Map.of(
                merchantKey(oidPartner, AccountKind.RESERVED), -fen,
                merchantKey(oidPartner, AccountKind.AVAILABLE), fen));
    }

    /** The bank returned a completed payout: the money comes back to available. */
    public void reversePayout(Handle h, String oidPartner, long fen, String reference) {
        post(h, "PAYOUT_REVERSAL", reference, Map.of(
                systemKey(AccountKind.BANK_PAYOUTS), -fen,
                merchantKey(oidPartner, AccountKind.AVAILABLE), fen));
    }

    /**
     * A payer paid the merchant through a bank: the amount less the gateway's fee is unsettled until
     * settlement makes it available.
     */
    public void receivePayment(Handle h, String oidPartner, long fen, long fee, String settleDate, String reference) {
        post(h, "PAYMENT_RECEIPT", reference, settleDate, Map.of(
                systemKey(AccountKind.BANK_RECEIPTS), -fen,
                systemKey(AccountKind.FEES), fee,
                merchantKey(oidPartner, AccountKind.UNSETTLED), fen - fee));
    }

    /**
     * Holds a refund's merchant share ({@code fen - feeBack}) while the bank returns the money: taken from
     * the unsettled balance first and then from available, into reserved. Throws
     * {@link InsufficientFundsException} when both balances together are short.
     */
    public RefundDebit reserveRefund(Handle h, String oidPartner, long fen, long feeBack, String reference) {
        String unsettledKey = merchantKey(oidPartner, AccountKind.UNSETTLED);
        String availableKey = merchantKey(oidPartner, AccountKind.AVAILABLE);
        // Both rows stay locked until commit, so the split cannot go stale before the postings.
        Map<String, Long> balances = new LinkedHashMap<>();
        h.createQuery("SELECT account_key, balance FROM ledger_account WHERE account_key IN (<keys>) "
                        + "ORDER BY account_key FOR UPDATE")
                .bindList("keys", availableKey, unsettledKey)
                .map((rs, ctx) -> Map.entry(rs.getString("account_key"), rs.getLong("balance")))
                .forEach(e -> balances.put(e.getKey(), e.getValue()));
        long share = fen - feeBack;
        long fromUnsettled = Math.max(0, Math.min(share, balances.getOrDefault(unsettledKey, 0L)));
        RefundDebit debit = new RefundDebit(fromUnsettled, share - fromUnsettled);
        post(h, "REFUND_RESERVE", reference, Map.of(
                unsettledKey, -debit.fromUnsettled(),
                availableKey, -debit.fromAvailable(),
                merchantKey(oidPartner, AccountKind.RESERVED), share));
        return debit;
    }

    /** The bank returned the refund to the payer: the reserve and the fee given back leave for the payer's bank. */
    public void completeRefund(Handle h, String oidPartner, long fen, long feeBack, String settleDate, String reference) {
        post(h, "REFUND", reference, settleDate, Map.of(
                merchantKey(oidPartner, AccountKind.RESERVED), -(fen - feeBack),
                systemKey(AccountKind.FEES), -feeBack,
                systemKey(AccountKind.BANK_REFUNDS), fen));
    }

    /** The bank could not return the refund: the reserve goes back where {@link #reserveRefund} took it from. */
    public void releaseRefund(Handle h, String oidPartner, RefundDebit debit, String reference) {
        post(h, "REFUND_RELEASE", reference, Map.of(
                merchantKey(oidPartner, AccountKind.RESERVED), -(debit.fromUnsettled() + debit.fromAvailable()),
                merchantKey(oidPartner, AccountKind.UNSETTLED), debit.fromUnsettled(),
                merchantKey(oidPartner, AccountKind.AVAILABLE), debit.fromAvailable()));
    }

    /** Settlement of a business day: unsettled funds become available. */
    public void settle(Handle h, String oidPartner, long fen, String settleDate, String reference) {
        post(h, "SETTLEMENT", reference, settleDate, Map.of(
                merchantKey(oidPartner, AccountKind.UNSETTLED), -fen,
                merchantKey(oidPartner, AccountKind.AVAILABLE), fen));
    }

    /**
     * Every posting of the entries that moved a merchant's money on a business day: found through the merchant's
     * postings of that day, so the query reads that day and not the merchant's history. The entry kinds are picked
     * by the caller: a condition on them would lead H2 to read every entry of those kinds first.
     */
    static final String MOVEMENTS_OF_DAY = """
            SELECT DISTINCT e.id, e.kind, e.reference, a.kind AS account_kind, p.id AS posting_id, p.amount
            FROM merchant m
            JOIN ledger_account ma ON ma.merchant_id = m.id
            JOIN ledger_posting mp ON mp.account_id = ma.id AND mp.settle_date = :day
            JOIN ledger_entry e ON e.id = mp.entry_id
            JOIN ledger_posting p ON p.entry_id = e.id
            JOIN ledger_account a ON a.id = p.account_id
            WHERE m.oid_partner = :oid
            ORDER BY e.id, posting_id""";

    /**
     * The merchant's payment receipts and completed refunds of business day {@code settleDate}, oldest first:
     * what reconciliation compares with the day's orders and report.
     */
    public List<Movement> movements(Handle h, String oidPartner, String settleDate) {
        Map<Long, Movement> byEntry = new LinkedHashMap<>();
        h.createQuery(MOVEMENTS_OF_DAY)
                .bind("day", settleDate)
                .bind("oid", oidPartner)
                .map((rs, ctx) -> new EntryPosting(rs.getLong("id"), rs.getString("kind"), rs.getString("reference"),
                        AccountKind.valueOf(rs.getString("account_kind")), rs.getLong("amount")))
                .filter(p -> p.kind().equals("PAYMENT_RECEIPT") || p.kind().equals("REFUND"))
                .forEach(p -> {
                    Movement m = byEntry.getOrDefault(p.entryId(), new Movement(p.kind(), p.reference(), settleDate, 0, 0));
                    // A receipt takes money from the outside accounts and pays the fee; a refund does the opposite.
                    long sign = p.kind().equals("REFUND") ? 1 : -1;
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

    private record EntryPosting(long entryId, String kind, String reference, AccountKind account, long amount) {
    }

    public Balances balances(Handle h, String oidPartner) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        h.createQuery("""
                SELECT a.kind, a.balance FROM ledger_account a JOIN merchant m ON m.id = a.merchant_id
                WHERE m.oid_partner = :oid""")
                .bind("oid", oidPartner)
                .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("balance")))
                .forEach(e -> byKind.put(e.getKey(), e.getValue()));
        return new Balances(
                byKind.getOrDefault(AccountKind.AVAILABLE.name(), 0L),
                byKind.getOrDefault(AccountKind.UNSETTLED.name(), 0L),
                byKind.getOrDefault(AccountKind.RESERVED.name(), 0L));
    }

    private void post(Handle h, String kind, String reference, Map<String, Long> postings) {
        post(h, kind, reference, settleDateNow(), postings);
    }

    private void post(Handle h, String kind, String reference, String settleDate, Map<String, Long> postings) {
        post(h, kind, "", reference, settleDate, postings);
    }

    /** {@code owner} scopes the reference: an oid_partner, or empty for the references the gateway makes unique itself. */
    private void post(Handle h, String kind, String owner, String reference, String settleDate,
                      Map<String, Long> postings) {
        long sum = postings.values().stream().mapToLong(Long::longValue).sum();
        if (sum != 0) {
            throw new IllegalStateException("postings of " + kind + " sum to " + sum);
        }
        long entryId = h.createUpdate("""
                INSERT INTO ledger_entry (kind, reference_owner, reference, created_at)
                VALUES (:kind, :owner, :reference, :now)""")
                .bind("kind", kind)
                .bind("owner", owner)
                .bind("reference", reference)
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        // Lock accounts in key order so two entries touching the same accounts cannot deadlock.
        // A zero posting (no fee, nothing from one balance) moves nothing and is not written.
        postings.entrySet().stream().filter(p -> p.getValue() != 0).sorted(Map.Entry.comparingByKey()).forEach(posting -> {
            if (!isGatewayKey(posting.getKey())) {
                // Only merchant accounts keep a balance, and none may go below zero.
                int moved = h.createUpdate("""
                        UPDATE ledger_account SET balance = balance + :amount
                        WHERE account_key = :key AND balance + :amount >= 0""")
                        .bind("amount", posting.getValue())
                        .bind("key", posting.getKey())
                        .execute();
                if (moved == 0) {
                    throw new InsufficientFundsException(posting.getKey());
                }
            }
            h.createUpdate("""
                    INSERT INTO ledger_posting (entry_id, account_id, amount, settle_date)
                    SELECT :entry, id, :amount, :settleDate FROM ledger_account WHERE account_key = :key""")
                    .bind("entry", entryId)
                    .bind("amount", posting.getValue())
                    .bind("settleDate", settleDate)
                    .bind("key", posting.getKey())
                    .execute();
        });
    }

    static String merchantKey(String oidPartner, AccountKind kind) {
        return "merchant:" + oidPartner + ":" + kind.name();
    }

    private static String systemKey(AccountKind kind) {
        // The gateway's own accounts are created by the schema migration.
        return GATEWAY_KEY_PREFIX + kind.name();
    }

    private static boolean isGatewayKey(String key) {
        return key.startsWith(GATEWAY_KEY_PREFIX);
    }
}
