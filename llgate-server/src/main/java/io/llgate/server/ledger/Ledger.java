package io.llgate.server.ledger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The double-entry ledger. Every movement is one journal entry whose postings sum to zero;
 * each call runs inside the caller's transaction so the movement commits with the state change
 * that causes it. A balance that must stay non-negative is checked by the same UPDATE that moves it.
 */
public final class Ledger {
    private final Clock clock;

    public Ledger(Clock clock) {
        this.clock = clock;
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

    /** Money from outside credited to the merchant's available balance. */
    public void topUp(Handle h, String oidPartner, long fen, String reference) {
        post(h, "TOPUP", reference, Map.of(
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

    /** A payer paid the merchant through a bank: unsettled until settlement makes it available. */
    public void receivePayment(Handle h, String oidPartner, long fen, String reference) {
        post(h, "PAYMENT_RECEIPT", reference, Map.of(
                systemKey(AccountKind.BANK_RECEIPTS), -fen,
                merchantKey(oidPartner, AccountKind.UNSETTLED), fen));
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
        long sum = postings.values().stream().mapToLong(Long::longValue).sum();
        if (sum != 0) {
            throw new IllegalStateException("postings of " + kind + " sum to " + sum);
        }
        long entryId = h.createUpdate("""
                INSERT INTO ledger_entry (kind, reference, created_at) VALUES (:kind, :reference, :now)""")
                .bind("kind", kind)
                .bind("reference", reference)
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        // Lock accounts in key order so two entries touching the same accounts cannot deadlock.
        postings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(posting -> {
            int moved = h.createUpdate("""
                    UPDATE ledger_account SET balance = balance + :amount
                    WHERE account_key = :key AND (may_go_negative OR balance + :amount >= 0)""")
                    .bind("amount", posting.getValue())
                    .bind("key", posting.getKey())
                    .execute();
            if (moved == 0) {
                throw new InsufficientFundsException(posting.getKey());
            }
            h.createUpdate("""
                    INSERT INTO ledger_posting (entry_id, account_id, amount)
                    SELECT :entry, id, :amount FROM ledger_account WHERE account_key = :key""")
                    .bind("entry", entryId)
                    .bind("amount", posting.getValue())
                    .bind("key", posting.getKey())
                    .execute();
        });
    }

    static String merchantKey(String oidPartner, AccountKind kind) {
        return "merchant:" + oidPartner + ":" + kind.name();
    }

    private static String systemKey(AccountKind kind) {
        // The gateway's own accounts are created by the schema migration.
        return "gateway:" + kind.name();
    }
}
