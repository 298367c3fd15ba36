package io.llgate.server.refund;

import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Every statement on the {@code refund} table. Status changes go through {@link #move}, which checks the
 * transition and writes it only over the state it was checked against.
 */
final class RefundStore {

    /**
     * What a payment's refunds add up to so far: amounts and fees given back in the payment's currency, and the yuan
     * returned to the payer.
     */
    record Totals(long money, long fee, long moneyPay) {
    }

    /** Refunds as the operators' transaction list reads them, found by the numbers listed. */
    static final TransactionTable TRANSACTIONS = TransactionTable.of(RefundProduct.IDENTITY,
            RefundStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, oid_refundno, money_refund, currency, status, created_at,
                   updated_at
            FROM refund""",
            List.of("oid_refundno", "no_refund", "no_order", "oid_paybill"), RefundStore::transactionRow);

    /** The refunds of one payment of a product (its stored name), oldest first. */
    List<TransactionRow> transactionsRefunding(Handle h, String product, long orderId) {
        return h.createQuery(TRANSACTIONS.select() + " WHERE product = :product AND order_id = :order ORDER BY id")
                .bind("product", product)
                .bind("order", orderId)
                .map(TRANSACTIONS.rows())
                .list();
    }

    /** The reason a refund failed, if it did. */
    Optional<String> failureReason(Handle h, long id) {
        return h.createQuery("SELECT failure_reason FROM refund WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(RefundProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"),
                rs.getString("oid_refundno"),
                Money.of(rs.getLong("money_refund"), Currency.getInstance(rs.getString("currency"))), rs.getString("status"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }

    Optional<Refund> byNoRefund(Handle h, long merchantId, String noRefund) {
        return h.createQuery("SELECT * FROM refund WHERE merchant_id = :merchant AND no_refund = :noRefund")
                .bind("merchant", merchantId)
                .bind("noRefund", noRefund)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Optional<Refund> byOidRefundno(Handle h, long merchantId, String oidRefundno) {
        return h.createQuery("SELECT * FROM refund WHERE merchant_id = :merchant AND oid_refundno = :oidRefundno")
                .bind("merchant", merchantId)
                .bind("oidRefundno", oidRefundno)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The refund with this {@code oid_refundno}, of whichever merchant, locked until the transaction ends. */
    Optional<Refund> lockByOidRefundno(Handle h, String oidRefundno) {
        return h.createQuery("SELECT * FROM refund WHERE oid_refundno = :oidRefundno FOR UPDATE")
                .bind("oidRefundno", oidRefundno)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Refund byId(Handle h, long id) {
        return h.createQuery("SELECT * FROM refund WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).one();
    }

    /** A merchant's refunds of the payment with this {@code oid_paybill}, oldest first. */
    List<Refund> ofPayment(Handle h, long merchantId, String oidPaybill) {
        return h.createQuery("SELECT * FROM refund WHERE merchant_id = :merchant AND oid_paybill = :paybill ORDER BY id")
                .bind("merchant", merchantId)
                .bind("paybill", oidPaybill)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** Refunds whose {@code oid_refundno} or {@code no_refund} is {@code reference}, of one merchant when given. */
    List<Refund> byReference(Handle h, String reference, Optional<Long> merchantId) {
        String merchant = merchantId.isPresent() ? " AND merchant_id = :merchant" : "";
        return h.createQuery("SELECT * FROM refund WHERE (oid_refundno = :reference OR no_refund = :reference)"
                        + merchant + " ORDER BY id")
                .bind("reference", reference)
                .bind("merchant", merchantId.orElse(null))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** A merchant's refunds in {@code status} whose settle_date lies between {@code from} and {@code to}. */
    List<Refund> settledBetween(Handle h, long merchantId, RefundStatus status, String from, String to) {
        return h.createQuery("""
                        SELECT * FROM refund
                        WHERE merchant_id = :merchant AND status = :status AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("status", status.name())
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** What the refunds of one payment add up to, leaving out those in state {@code except}. */
    Totals totalsOf(Handle h, String product, long orderId, RefundStatus except) {
        return h.createQuery("""
                        SELECT COALESCE(SUM(money_refund), 0) AS money, COALESCE(SUM(fee_refund), 0) AS fee,
                               COALESCE(SUM(COALESCE(money_pay, money_refund)), 0) AS money_pay
                        FROM refund WHERE product = :product AND order_id = :order AND status <> :except""")
                .bind("product", product)
                .bind("order", orderId)
                .bind("except", except.name())
                .map((rs, ctx) -> new Totals(rs.getLong("money"), rs.getLong("fee"), rs.getLong("money_pay")))
                .one();
    }

    /**
     * Records a refund of {@code payment} in the {@link RefundStatus#INITIAL} state, holding nothing yet; returns its
     * row id. A second refund with the merchant's {@code no_refund} violates a unique constraint.
     */
    long insert(Handle h, long merchantId, RefundRequest r, RefundablePayment payment, String oidRefundno, long feeBack,
                Money moneyPay, Instant now) {
        return h.createUpdate("""
                INSERT INTO refund (merchant_id, no_refund, dt_refund, oid_refundno, money_refund, fee_refund,
                    from_unsettled, from_available, notify_url, status, product, order_id, no_order, oid_paybill,
                    dt_order, money_order, busi_partner, pay_type, info_order, created_at, updated_at, currency,
                    money_pay, rate_id, exchange_rate)
                VALUES (:merchant, :noRefund, :dtRefund, :oidRefundno, :money, :fee, 0, 0, :notifyUrl, :status,
                    :product, :orderId, :noOrder, :oidPaybill, :dtOrder, :moneyOrder, :busiPartner, :payType, :info,
                    :now, :now, :currency, :moneyPay, :rateId, :rate)""")
                .bind("currency", payment.currency().getCurrencyCode())
                .bind("moneyPay", moneyPay.minor())
                .bind("rateId", payment.foreign() ? payment.rate().id() : null)
                .bind("rate", payment.foreign() ? payment.rate().wire() : null)
                .bind("merchant", merchantId)
                .bind("noRefund", r.noRefund())
                .bind("dtRefund", r.dtRefund())
                .bind("oidRefundno", oidRefundno)
                .bind("money", r.moneyRefund())
                .bind("fee", feeBack)
                .bind("notifyUrl", r.notifyUrl())
                .bind("status", RefundStatus.INITIAL.name())
                .bind("product", payment.product())
                .bind("orderId", payment.orderId())
                .bind("noOrder", payment.noOrder())
                .bind("oidPaybill", payment.oidPaybill())
                .bind("dtOrder", payment.dtOrder())
                .bind("moneyOrder", payment.moneyOrder())
                .bind("busiPartner", payment.busiPartner())
                .bind("payType", payment.payType())
                .bind("info", payment.infoOrder())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** Records where the refund's hold came from. */
    void recordDebit(Handle h, long id, RefundDebit debit) {
        h.createUpdate("UPDATE refund SET from_unsettled = :unsettled, from_available = :available WHERE id = :id")
                .bind("unsettled", debit.fromUnsettled())
                .bind("available", debit.fromAvailable())
                .bind("id", id)
                .execute();
    }

    /**
     * Moves {@code refund} from the state it was read in to {@code to}, which finishes it: on {@code settleDate},
     * with {@code failureReason} (null when it succeeded). Throws IllegalStateException for a move the state machine
     * does not allow, or when the stored state is no longer the one read.
     */
    void move(Handle h, Refund refund, RefundStatus to, String settleDate, String failureReason, Instant now) {
        refund.status().requireMoveTo(to);
        int moved = h.createUpdate("""
                        UPDATE refund SET status = :to, settle_date = :settle, failure_reason = :reason,
                               completed_at = :now, updated_at = :now
                        WHERE id = :id AND status = :from""")
                .bind("to", to.name())
                .bind("settle", settleDate)
                .bind("reason", failureReason)
                .bind("now", now)
                .bind("id", refund.id())
                .bind("from", refund.status().name())
                .execute();
        if (moved != 1) {
            throw new IllegalStateException("refund " + refund.id() + " is no longer " + refund.status());
        }
    }

    private static Refund map(ResultSet rs) throws SQLException {
        return new Refund(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_refund"),
                rs.getString("dt_refund"),
                rs.getString("oid_refundno"),
                rs.getLong("money_refund"),
                rs.getLong("fee_refund"),
                new RefundDebit(rs.getLong("from_unsettled"), rs.getLong("from_available")),
                rs.getString("notify_url"),
                RefundStatus.valueOf(rs.getString("status")),
                rs.getString("settle_date"),
                rs.getString("product"),
                rs.getLong("order_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("dt_order"),
                rs.getString("busi_partner"),
                rs.getString("pay_type"),
                rs.getString("info_order"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "completed_at"),
                Currency.getInstance(rs.getString("currency")),
                // Refunds made before currencies returned their own amount.
                rs.getObject("money_pay") == null ? rs.getLong("money_refund") : rs.getLong("money_pay"),
                rs.getObject("rate_id") == null ? null : rs.getLong("rate_id"),
                rs.getString("exchange_rate"));
    }
}
