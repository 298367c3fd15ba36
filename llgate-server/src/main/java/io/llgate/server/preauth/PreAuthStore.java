package io.llgate.server.preauth;

import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.store.Columns;
import io.llgate.server.store.OrderRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Every statement on {@code pre_authorization}: the only code that knows the table. Status changes go through
 * {@link #move}, which refuses a move {@link PreAuthStatus} does not allow and writes only over the status it moves
 * from.
 */
final class PreAuthStore {
    /** The ids of a merchant's authorizations with {@code no_order} :noOrder or {@code oid_paybill} :paybill. */
    private static final OrderRows ORDERS = new OrderRows("pre_authorization");

    /** The list's view of the table: an authorization is made when the issuer approved it. */
    static final TransactionTable TRANSACTIONS = TransactionTable.of(PreAuthProduct.IDENTITY, PreAuthStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, money_authorized, money_captured, status, authorized_at,
                   updated_at
            FROM pre_authorization""", "authorized_at", List.of("no_order", "oid_paybill"), PreAuthStore::transactionRow);

    /** An authorization in the list: the captured amount once captured, else the authorized one. */
    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        Long captured = (Long) rs.getObject("money_captured", Long.class);
        return new TransactionRow(new TransactionRef(PreAuthProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.cny(captured != null ? captured : rs.getLong("money_authorized")), rs.getString("status"),
                Columns.instant(rs, "authorized_at"), Columns.instant(rs, "updated_at"));
    }

    /** What a capture writes besides its status. */
    record Capture(long money, long fee, String settleDate, Instant at) {
    }

    /** Inserts an authorization that expires at {@code expiresAt}; answers its id. */
    long insert(Handle h, PreAuthorization a, Instant expiresAt) {
        return h.createUpdate("""
                INSERT INTO pre_authorization (merchant_id, no_order, oid_paybill, issuer_reference, dt_order, user_id,
                    busi_partner, info_order, money_authorized, status, authorized_at, expires_at, updated_at,
                    card_masked)
                VALUES (:merchant, :noOrder, :paybill, :issuer, :dtOrder, :userId, :busiPartner, :info, :money, :status,
                    :at, :expires, :at, :card)""")
                .bind("merchant", a.merchant().id())
                .bind("noOrder", a.noOrder())
                .bind("paybill", a.oidPaybill())
                .bind("issuer", a.issuerReference())
                .bind("dtOrder", a.dtOrder())
                .bind("userId", a.userId())
                .bind("busiPartner", a.busiPartner())
                .bind("info", a.infoOrder())
                .bind("money", a.moneyOrder())
                .bind("status", PreAuthStatus.AUTHORIZED.name())
                .bind("at", a.authorizedAt())
                .bind("expires", expiresAt)
                .bind("card", a.cardMasked())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    PreAuth byId(Handle h, long id) {
        return ORDERS.byId(h, id, (rs, ctx) -> map(rs));
    }

    /** The merchant's authorization made by the payment {@code oidPaybill}. */
    Optional<PreAuth> byPaybill(Handle h, long merchantId, String oidPaybill) {
        return h.createQuery("SELECT * FROM pre_authorization WHERE merchant_id = :merchant AND oid_paybill = :paybill")
                .bind("merchant", merchantId)
                .bind("paybill", oidPaybill)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The merchant's authorizations the lookup names (at most two), in id order. */
    List<PreAuth> named(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.named(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /**
     * The merchant's authorizations the lookup names, each locked until the transaction ends; one at a time and in
     * id order, so that two requests never wait for each other's rows.
     */
    List<PreAuth> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.lockNamed(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /** Writes the capture of an authorization; false when it no longer is one. */
    boolean markCaptured(Handle h, PreAuth auth, Capture c) {
        return move(h, auth.status(), PreAuthStatus.CAPTURED, """
                money_captured = :money, fee = :fee, settle_date = :settle, captured_at = :at, updated_at = :at""",
                "id = :id")
                .bind("money", c.money())
                .bind("fee", c.fee())
                .bind("settle", c.settleDate())
                .bind("at", c.at())
                .bind("id", auth.id())
                .execute() == 1;
    }

    /** Writes the cancellation of an authorization; false when it no longer is one. */
    boolean markCancelled(Handle h, PreAuth auth, Instant now) {
        return move(h, auth.status(), PreAuthStatus.CANCELLED, "updated_at = :now", "id = :id")
                .bind("now", now)
                .bind("id", auth.id())
                .execute() == 1;
    }

    /**
     * Expires every authorization whose hold has passed, in one statement: one being captured or cancelled holds its
     * row lock, and the status check runs again after it.
     */
    int expire(Handle h, Instant now) {
        return move(h, PreAuthStatus.AUTHORIZED, PreAuthStatus.EXPIRED, "updated_at = :now", "expires_at <= :now")
                .bind("now", now)
                .execute();
    }

    /**
     * The one way a status is written: {@code SET status = :to ... WHERE status = :from AND condition}, after
     * checking that the move is allowed.
     */
    private static Update move(Handle h, PreAuthStatus from, PreAuthStatus to, String columns, String condition) {
        from.requireMoveTo(to);
        return h.createUpdate("UPDATE pre_authorization SET status = :to, " + columns
                        + " WHERE status = :from AND " + condition)
                .bind("to", to.name())
                .bind("from", from.name());
    }

    /**
     * The merchant's captured authorizations whose settle_date is from {@code from} to {@code to}, as report rows:
     * payments of the captured amount, paid when captured.
     */
    List<ReportRow> reportRows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date,
                               money_captured AS money_order, fee, captured_at AS paid_at, CAST(:payType AS VARCHAR(2)) AS pay_type,
                               info_order
                        FROM pre_authorization
                        WHERE merchant_id = :merchant AND status = :captured AND settle_date BETWEEN :from AND :to""")
                .bind("payType", PreAuthMessages.PAY_TYPE)
                .bind("merchant", merchantId)
                .bind("captured", PreAuthStatus.CAPTURED.name())
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> ReportRow.payment(rs, PreAuthProduct.IDENTITY))
                .list();
    }

    /** A captured authorization as refunds see it: the captured amount is what was paid. */
    static RefundablePayment refundable(PreAuth a, String product) {
        return new RefundablePayment(product, a.id(), a.noOrder(), a.oidPaybill(), a.dtOrder(), a.moneyOrder(),
                a.fee() == null ? 0 : a.fee(), a.status() == PreAuthStatus.CAPTURED, a.capturedAt(), a.busiPartner(),
                PreAuthMessages.PAY_TYPE, a.infoOrder());
    }

    private static PreAuth map(ResultSet rs) throws SQLException {
        return new PreAuth(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("issuer_reference"),
                rs.getString("dt_order"),
                rs.getString("user_id"),
                rs.getString("busi_partner"),
                rs.getString("info_order"),
                rs.getLong("money_authorized"),
                (Long) rs.getObject("money_captured", Long.class),
                (Long) rs.getObject("fee", Long.class),
                PreAuthStatus.valueOf(rs.getString("status")),
                rs.getString("settle_date"),
                Columns.instant(rs, "authorized_at"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "captured_at"),
                rs.getString("card_masked"),
                Columns.instant(rs, "updated_at"));
    }
}
