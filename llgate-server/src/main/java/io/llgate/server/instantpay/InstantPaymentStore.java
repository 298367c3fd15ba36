package io.llgate.server.instantpay;

import io.llgate.protocol.PayeeKind;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.Payee;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The payouts as stored: every statement on {@code instant_payment}. A status changes only through
 * {@link #move}, which checks the transition and writes it only over the status it was checked from.
 */
final class InstantPaymentStore {
    /** I9: the payouts to the same card that make a new one suspect. */
    private static final Set<PayoutStatus> LIVE = EnumSet.of(PayoutStatus.SUCCESS, PayoutStatus.PROCESSING,
            PayoutStatus.CHECK);
    /** A reversed payout keeps its paid row: both are in the payout files on their settle_date. */
    private static final Set<PayoutStatus> PAID = EnumSet.of(PayoutStatus.SUCCESS, PayoutStatus.CANCEL);

    /** What apply keeps of the payee's card: its hash for duplicate checks, its mask, card and name sealed. */
    record SealedCard(String hash, String mask, String cardSealed, String acctNameSealed) {
        @Override
        public String toString() {
            return "SealedCard[mask=" + mask + "]";
        }
    }

    /** Why and how long a new order waits for confirmation: 4002/4003/4004, its confirm code, its deadline. */
    record Hold(RetCode check, String confirmCode, Instant expiresAt) {
        @Override
        public String toString() {
            return "Hold[check=" + check + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A paid or reversed payout as the report files list it. */
    record ReportedPayout(long id, String noOrder, String dtOrder, String oidPaybill, String settleDate,
                          long moneyOrder, Instant paidAt, Instant updatedAt, String infoOrder, String bankCode) {
    }

    /** Payouts as the operators' transaction list reads them, found by the numbers listed. */
    static final TransactionTable TRANSACTIONS = TransactionTable.of(InstantPaymentProduct.IDENTITY,
            PayoutStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, money_order, status, created_at, updated_at
            FROM instant_payment""",
            List.of("no_order", "oid_paybill"), InstantPaymentStore::transactionRow);

    /** When the payout was paid, if it was: kept after a reversal. */
    Optional<Instant> paidAt(Handle h, long id) {
        return h.createQuery("SELECT paid_at FROM instant_payment WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> Columns.instant(rs, "paid_at"))
                .findOne();
    }

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(InstantPaymentProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.cny(rs.getLong("money_order")), rs.getString("status"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    /**
     * Writes a new order and answers it as stored: in {@code CHECK} when {@code hold} is given, else in
     * {@code PROCESSING}, handed to the bank under {@code oidPaybill}. Answering it saves reading back the row just
     * written.
     */
    InstantPayment insert(Handle h, long merchantId, PayoutApplication app, SealedCard card, Optional<Hold> hold,
                          Optional<String> oidPaybill, Instant now) {
        PayoutStatus status = hold.isPresent() ? PayoutStatus.CHECK : PayoutStatus.PROCESSING;
        if (!PayoutStatus.INITIAL.contains(status)) {
            throw new IllegalStateException("a payout cannot start in " + status);
        }
        if (hold.isPresent() == oidPaybill.isPresent()) {
            throw new IllegalStateException("a new payout is either held or handed to the bank");
        }
        long id = h.createUpdate("""
                INSERT INTO instant_payment (merchant_id, no_order, oid_paybill, dt_order, money_order, flag_card, payee_kind,
                    card_hash, card_mask, card_sealed, acct_name_sealed, bank_code, prcptcd, city_code, brabank_name,
                    info_order, memo, notify_url, api_version, status, check_code, confirm_code, confirm_failures,
                    check_expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :money, :flagCard, :payeeKind, :cardHash, :cardMask,
                    :cardSealed, :nameSealed, :bankCode, :prcptcd, :cityCode, :brabankName, :info, :memo, :url, :apiVersion,
                    :status, :checkCode, :confirmCode, 0, :expires, :now, :now)""")
                .bind("merchant", merchantId)
                .bind("paybill", oidPaybill.orElse(null))
                .bind("noOrder", app.noOrder())
                .bind("dtOrder", app.dtOrder())
                .bind("money", app.moneyOrder())
                .bind("flagCard", app.flagCard())
                .bind("cardHash", card.hash())
                .bind("cardMask", card.mask())
                .bind("cardSealed", card.cardSealed())
                .bind("nameSealed", card.acctNameSealed())
                .bind("payeeKind", app.payee().kind().name())
                .bind("bankCode", app.payee().bankCode())
                .bind("prcptcd", app.payee().prcptcd())
                .bind("cityCode", app.payee().cityCode())
                .bind("brabankName", app.payee().brabankName())
                .bind("info", app.infoOrder())
                .bind("memo", app.memo())
                .bind("url", app.notifyUrl())
                .bind("apiVersion", app.apiVersion())
                .bind("status", status.name())
                .bind("checkCode", hold.map(c -> c.check().code()).orElse(null))
                .bind("confirmCode", hold.map(Hold::confirmCode).orElse(null))
                .bind("expires", hold.map(Hold::expiresAt).orElse(null))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new InstantPayment(id, merchantId, app.noOrder(), oidPaybill.orElse(null), app.dtOrder(),
                app.moneyOrder(), app.flagCard(), app.payee(), card.mask(), card.cardSealed(), card.acctNameSealed(),
                app.infoOrder(), app.memo(), app.notifyUrl(), status, hold.map(c -> c.check().code()).orElse(null),
                hold.map(Hold::confirmCode).orElse(null), 0, hold.map(Hold::expiresAt).orElse(null), null, null, now);
    }

    Optional<InstantPayment> findById(Handle h, long id) {
        return h.createQuery("SELECT * FROM instant_payment WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Optional<InstantPayment> findByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery("SELECT * FROM instant_payment WHERE merchant_id = :merchant AND no_order = :noOrder")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The merchant's order the lookup names; 9092 when its {@code no_order} and {@code oid_paybill} disagree. */
    Optional<InstantPayment> find(Handle h, long merchantId, OrderLookup lookup) {
        List<InstantPayment> found = h.createQuery("""
                        SELECT * FROM instant_payment
                        WHERE merchant_id = :merchant AND (no_order = :noOrder OR oid_paybill = :paybill)""")
                .bind("merchant", merchantId)
                .bind("noOrder", lookup.noOrder().orElse(null))
                .bind("paybill", lookup.oidPaybill().orElse(null))
                .map((rs, ctx) -> map(rs))
                .list();
        return lookup.pick(found, InstantPayment::noOrder, InstantPayment::oidPaybill);
    }

    /** The merchant's order, locked until the caller's transaction ends. */
    Optional<InstantPayment> lockByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery(
                        "SELECT * FROM instant_payment WHERE merchant_id = :merchant AND no_order = :noOrder FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The order the bank knows by this number, locked until the caller's transaction ends. */
    Optional<InstantPayment> lockByPaybill(Handle h, String oidPaybill) {
        return h.createQuery("SELECT * FROM instant_payment WHERE oid_paybill = :paybill FOR UPDATE")
                .bind("paybill", oidPaybill)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * Whether the merchant paid, is paying or holds a payout to the same card since {@code since}; with
     * {@code sameAmount}, only one of the same amount counts.
     */
    boolean hasLivePayoutToCard(Handle h, long merchantId, String cardHash, long amount, Instant since,
                                boolean sameAmount) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM instant_payment
                        WHERE merchant_id = :merchant AND card_hash = :card AND created_at > :since
                          AND status IN (<live>)""" + (sameAmount ? " AND money_order = :amount" : ""))
                .bind("merchant", merchantId)
                .bind("card", cardHash)
                .bind("since", since)
                .bind("amount", amount)
                .bindList("live", names(LIVE))
                .mapTo(Long.class)
                .one() > 0;
    }

    /**
     * Moves the order from the status it was read in to {@code to}, with the settle date and failure reason of
     * the new state, and forgets its confirm code; a move to {@code SUCCESS} records when it was paid, which the payout
     * files list whatever happens to it later. Answers the order as it now stands. Throws IllegalStateException
     * for a move the state machine does not allow, or when the order is no longer in the status it was read in.
     */
    InstantPayment move(Handle h, InstantPayment order, PayoutStatus to, String settleDate, String failureReason, Instant now) {
        order.status().requireMoveTo(to);
        int changed = h.createUpdate("""
                        UPDATE instant_payment SET status = :to, settle_date = :settle, failure_reason = :reason,
                               confirm_code = NULL, updated_at = :now""" + (to == PayoutStatus.SUCCESS ? ", paid_at = :now" : "")
                        + " WHERE id = :id AND status = :from")
                .bind("to", to.name())
                .bind("settle", settleDate)
                .bind("reason", failureReason)
                .bind("now", now)
                .bind("id", order.id())
                .bind("from", order.status().name())
                .execute();
        if (changed != 1) {
            throw new IllegalStateException("payout " + order.id() + " is no longer " + order.status());
        }
        return new InstantPayment(order.id(), order.merchantId(), order.noOrder(), order.oidPaybill(), order.dtOrder(),
                order.moneyOrder(), order.flagCard(), order.payee(), order.cardMask(), order.cardSealed(),
                order.acctNameSealed(), order.infoOrder(), order.memo(), order.notifyUrl(), to, order.checkCode(), null,
                order.confirmFailures(), order.checkExpiresAt(), settleDate, failureReason, order.createdAt());
    }

    /** Records the hand-over of an order in {@code PROCESSING} to the bank: its number and where to notify. */
    void recordHandOver(Handle h, long id, String oidPaybill, String notifyUrl, Instant now) {
        int changed = h.createUpdate("""
                        UPDATE instant_payment SET oid_paybill = :paybill, notify_url = :url,
                               confirm_code = NULL, check_expires_at = NULL, updated_at = :now
                        WHERE id = :id AND status = :processing AND oid_paybill IS NULL""")
                .bind("paybill", oidPaybill)
                .bind("url", notifyUrl)
                .bind("now", now)
                .bind("id", id)
                .bind("processing", PayoutStatus.PROCESSING.name())
                .execute();
        if (changed != 1) {
            throw new IllegalStateException("payout " + id + " is not waiting for the bank");
        }
    }

    void recordConfirmFailures(Handle h, long id, int failures, Instant now) {
        h.createUpdate("UPDATE instant_payment SET confirm_failures = :failures, updated_at = :now WHERE id = :id")
                .bind("failures", failures)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    /** The orders in {@code CHECK} whose confirm window has passed by {@code now}. */
    List<Long> expiredChecks(Handle h, Instant now) {
        return h.createQuery("SELECT id FROM instant_payment WHERE status = :check AND check_expires_at <= :now")
                .bind("check", PayoutStatus.CHECK.name())
                .bind("now", now)
                .mapTo(Long.class)
                .list();
    }

    /** The order, locked, if it is still an expired {@code CHECK} and no one else holds it. */
    Optional<InstantPayment> lockExpiredCheck(Handle h, long id, Instant now) {
        return h.createQuery("""
                        SELECT p.* FROM instant_payment p
                        WHERE p.id = :id AND p.status = :check AND p.check_expires_at <= :now FOR UPDATE SKIP LOCKED""")
                .bind("id", id)
                .bind("check", PayoutStatus.CHECK.name())
                .bind("now", now)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The merchant's payouts paid (and possibly reversed since) with a settle_date from {@code from} to {@code to}. */
    List<ReportedPayout> paid(Handle h, long merchantId, String fromDate, String toDate) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, oid_paybill, settle_date, money_order, paid_at, updated_at,
                               info_order, bank_code
                        FROM instant_payment
                        WHERE merchant_id = :merchant AND status IN (<paid>)
                          AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bindList("paid", names(PAID))
                .bind("from", fromDate)
                .bind("to", toDate)
                .map((rs, ctx) -> reported(rs, rs.getString("settle_date"), Columns.instant(rs, "paid_at")))
                .list();
    }

    /**
     * The merchant's payouts the bank reversed from {@code start} (included) to {@code end}. A reversal is a
     * payout's last change, so its {@code updated_at} is when the bank reversed it.
     */
    List<ReportedPayout> reversed(Handle h, long merchantId, Instant start, Instant end) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, oid_paybill, money_order, updated_at, info_order, bank_code
                        FROM instant_payment
                        WHERE merchant_id = :merchant AND status = :cancel
                          AND updated_at >= :start AND updated_at < :end""")
                .bind("merchant", merchantId)
                .bind("cancel", PayoutStatus.CANCEL.name())
                .bind("start", start)
                .bind("end", end)
                .map((rs, ctx) -> reported(rs, null, null))
                .list();
    }

    private static ReportedPayout reported(ResultSet rs, String settleDate, Instant paidAt) throws SQLException {
        return new ReportedPayout(rs.getLong("id"), rs.getString("no_order"), rs.getString("dt_order"),
                rs.getString("oid_paybill"), settleDate, rs.getLong("money_order"), paidAt,
                Columns.instant(rs, "updated_at"), rs.getString("info_order"), rs.getString("bank_code"));
    }

    private static List<String> names(Set<PayoutStatus> statuses) {
        return statuses.stream().map(Enum::name).toList();
    }

    private static InstantPayment map(ResultSet rs) throws SQLException {
        return new InstantPayment(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("dt_order"),
                rs.getLong("money_order"),
                rs.getString("flag_card"),
                new Payee(PayeeKind.valueOf(rs.getString("payee_kind")), rs.getString("bank_code"), rs.getString("prcptcd"),
                        rs.getString("city_code"), rs.getString("brabank_name")),
                rs.getString("card_mask"),
                rs.getString("card_sealed"),
                rs.getString("acct_name_sealed"),
                rs.getString("info_order"),
                rs.getString("memo"),
                rs.getString("notify_url"),
                PayoutStatus.valueOf(rs.getString("status")),
                rs.getString("check_code"),
                rs.getString("confirm_code"),
                rs.getInt("confirm_failures"),
                Columns.instant(rs, "check_expires_at"),
                rs.getString("settle_date"),
                rs.getString("failure_reason"),
                Columns.instant(rs, "created_at"));
    }
}
