package io.llgate.server.onlinebanking;

import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.store.Columns;
import io.llgate.server.store.OrderRows;
import io.llgate.server.store.Paybills;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Every statement on {@code online_banking_order}: the only code that knows the table. Status changes go through
 * {@link #move}, which refuses a move {@link OnlineBankingStatus} does not allow and writes only over the status
 * it moves from.
 */
final class OnlineBankingStore {
    /**
     * The ids of a merchant's orders with {@code no_order} :noOrder or {@code oid_paybill} :paybill: two index
     * lookups, since with the OR in one WHERE H2 reads every order of the merchant.
     */
    static final OrderRows ORDERS = new OrderRows("online_banking_order");

    /** What a successful payment writes besides its status. */
    record Payment(PayType payType, String settleDate, String memo, String returnToken, long fee, Instant paidAt) {
    }

    /** When an order was paid and when its payer returned to the merchant, for its timeline. */
    record Moments(Instant paidAt, Instant returnedAt, Instant updatedAt, Long fee) {
    }

    /** Orders as the operators' transaction list reads them, found by the numbers listed. */
    static final TransactionTable TRANSACTIONS = TransactionTable.of(OnlineBankingProduct.IDENTITY,
            OnlineBankingStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, money_order, status, created_at, updated_at
            FROM online_banking_order""",
            List.of("no_order", "oid_paybill"), OnlineBankingStore::transactionRow);

    Moments moments(Handle h, long id) {
        return h.createQuery("SELECT paid_at, returned_at, updated_at, fee FROM online_banking_order WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Moments(Columns.instant(rs, "paid_at"), Columns.instant(rs, "returned_at"),
                        Columns.instant(rs, "updated_at"), (Long) rs.getObject("fee", Long.class)))
                .one();
    }

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(OnlineBankingProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.cny(rs.getLong("money_order")), rs.getString("status"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    /** Inserts a waiting order; answers it as stored, which saves reading back the row just written. */
    OnlineBankingOrder insert(Handle h, long merchantId, PaymentRequest r, PayType payType, String payToken,
                              Instant now) {
        String oidPaybill = Paybills.next(h, now);
        Instant expiresAt = now.plus(Duration.ofMinutes(r.validOrderMinutes()));
        long id = h.createUpdate("""
                INSERT INTO online_banking_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id,
                    busi_partner, name_goods, info_order, notify_url, url_return, url_order, userreq_ip, charset_name,
                    requested_pay_type, pay_type, bank_code, status, pay_token, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :money, :userId, :busiPartner, :goods, :info, :notifyUrl,
                    :urlReturn, :urlOrder, :ip, :charset, :requested, :payType, :bankCode, :status, :payToken, :expires,
                    :now, :now)""")
                .bind("merchant", merchantId)
                .bind("noOrder", r.noOrder())
                .bind("paybill", oidPaybill)
                .bind("dtOrder", r.dtOrder())
                .bind("money", r.moneyOrder())
                .bind("userId", r.userId())
                .bind("busiPartner", r.busiPartner())
                .bind("goods", r.nameGoods())
                .bind("info", r.infoOrder().orElse(null))
                .bind("notifyUrl", r.notifyUrl())
                .bind("urlReturn", r.urlReturn().orElse(null))
                .bind("urlOrder", r.urlOrder().orElse(null))
                .bind("ip", r.userreqIp().orElse(null))
                .bind("charset", r.charsetName())
                .bind("requested", r.payType().map(PayType::code).orElse(null))
                .bind("payType", payType == null ? null : payType.code())
                .bind("bankCode", r.bankCode().orElse(null))
                .bind("status", OnlineBankingStatus.WAITING.name())
                .bind("payToken", payToken)
                .bind("expires", expiresAt)
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new OnlineBankingOrder(id, merchantId, r.noOrder(), oidPaybill, r.dtOrder(), r.moneyOrder(), r.userId(),
                r.nameGoods(), r.infoOrder().orElse(null), r.notifyUrl(), r.urlReturn().orElse(null), r.charsetName(),
                r.payType().orElse(null), payType, r.bankCode().orElse(null), OnlineBankingStatus.WAITING, null, null,
                payToken, null, expiresAt, now);
    }

    OnlineBankingOrder byId(Handle h, long id) {
        return ORDERS.byId(h, id, (rs, ctx) -> map(rs));
    }

    /** The id of the merchant's order {@code no_order}, locked until the transaction ends. */
    Optional<Long> lockByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery("SELECT id FROM online_banking_order WHERE merchant_id = :merchant AND no_order = :noOrder FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .mapTo(Long.class)
                .findOne();
    }

    /** The order behind a cashier or bank page, locked until the transaction ends. */
    Optional<OnlineBankingOrder> lockByPayToken(Handle h, String payToken) {
        return h.createQuery("SELECT * FROM online_banking_order WHERE pay_token = :token FOR UPDATE")
                .bind("token", payToken)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Optional<OnlineBankingOrder> byPayToken(Handle h, String payToken) {
        return h.createQuery("SELECT * FROM online_banking_order WHERE pay_token = :token")
                .bind("token", payToken)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Optional<OnlineBankingOrder> byReturnToken(Handle h, String returnToken) {
        return h.createQuery("SELECT * FROM online_banking_order WHERE return_token = :token")
                .bind("token", returnToken)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Marks the return to url_return as taken; true only for the first claim of the token. */
    boolean claimReturn(Handle h, String returnToken, Instant now) {
        return h.createUpdate("""
                UPDATE online_banking_order SET returned_at = :now
                WHERE return_token = :token AND returned_at IS NULL""")
                .bind("now", now)
                .bind("token", returnToken)
                .execute() == 1;
    }

    /** The bank the payer pays through, and so the kind of online banking. */
    void setBank(Handle h, long id, PayType type, String bankCode, Instant now) {
        h.createUpdate("UPDATE online_banking_order SET pay_type = :type, bank_code = :bank, updated_at = :now WHERE id = :id")
                .bind("type", type.code())
                .bind("bank", bankCode)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    /**
     * Writes the payment of a waiting order and answers the order as paid, which saves reading the row back; none when
     * it no longer waits.
     */
    Optional<OnlineBankingOrder> markPaid(Handle h, OnlineBankingOrder order, Payment p) {
        boolean written = move(h, order.status(), OnlineBankingStatus.SUCCESS, """
                pay_type = :payType, settle_date = :settle, memo = :memo, return_token = :returnToken, fee = :fee,
                paid_at = :now, updated_at = :now""", "id = :id")
                .bind("payType", p.payType().code())
                .bind("settle", p.settleDate())
                .bind("memo", p.memo())
                .bind("returnToken", p.returnToken())
                .bind("fee", p.fee())
                .bind("now", p.paidAt())
                .bind("id", order.id())
                .execute() == 1;
        return written ? Optional.of(new OnlineBankingOrder(order.id(), order.merchantId(), order.noOrder(),
                order.oidPaybill(), order.dtOrder(), order.moneyOrder(), order.userId(), order.nameGoods(),
                order.infoOrder(), order.notifyUrl(), order.urlReturn(), order.charsetName(), order.requestedPayType(),
                p.payType(), order.bankCode(), OnlineBankingStatus.SUCCESS, p.memo(), p.settleDate(), order.payToken(),
                p.returnToken(), order.expiresAt(), order.createdAt())) : Optional.empty();
    }

    /** Writes the decline of a waiting order and answers the order as declined; none when it no longer waits. */
    Optional<OnlineBankingOrder> markDeclined(Handle h, OnlineBankingOrder order, String memo, Instant now) {
        boolean written = move(h, order.status(), OnlineBankingStatus.FAILURE, "memo = :memo, updated_at = :now",
                "id = :id")
                .bind("memo", memo)
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
        return written ? Optional.of(byId(h, order.id())) : Optional.empty();
    }

    /**
     * Closes every waiting order whose {@code valid_order} has passed, in one statement: an order being paid holds its
     * row lock, and the status check runs again after it.
     */
    int closeExpired(Handle h, String memo, Instant now) {
        return move(h, OnlineBankingStatus.WAITING, OnlineBankingStatus.CLOSED, "memo = :memo, updated_at = :now",
                "expires_at <= :now")
                .bind("memo", memo)
                .bind("now", now)
                .execute();
    }

    /**
     * The one way a status is written: {@code SET status = :to ... WHERE status = :from AND condition}, after
     * checking that the move is allowed.
     */
    private static Update move(Handle h, OnlineBankingStatus from, OnlineBankingStatus to, String columns,
                               String condition) {
        from.requireMoveTo(to);
        return h.createUpdate("UPDATE online_banking_order SET status = :to, " + columns
                        + " WHERE status = :from AND " + condition)
                .bind("to", to.name())
                .bind("from", from.name());
    }

    /** The merchant's orders the lookup names (at most two), in id order. */
    List<OnlineBankingOrder> named(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.named(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /** The merchant's payments the lookup names, as refunds see them, each locked until the transaction ends. */
    List<RefundablePayment> lockRefundable(Handle h, long merchantId, OrderLookup lookup, String product) {
        return ORDERS.lockNamed(h, merchantId, lookup, (rs, ctx) -> new RefundablePayment(product, rs.getLong("id"),
                rs.getString("no_order"), rs.getString("oid_paybill"), rs.getString("dt_order"), rs.getLong("money_order"),
                rs.getLong("fee"), OnlineBankingStatus.valueOf(rs.getString("status")) == OnlineBankingStatus.SUCCESS,
                Columns.instant(rs, "paid_at"), rs.getString("busi_partner"), rs.getString("pay_type"),
                rs.getString("info_order")));
    }

    /** A merchant's latest orders, newest first, at most {@code limit}. */
    List<OnlineBankingOrder> recent(Handle h, long merchantId, int limit) {
        return h.createQuery("SELECT * FROM online_banking_order WHERE merchant_id = :merchant ORDER BY id DESC LIMIT :limit")
                .bind("merchant", merchantId)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** Orders whose {@code oid_paybill} or {@code no_order} is {@code reference}, of one merchant when given. */
    List<OnlineBankingOrder> byReference(Handle h, String reference, Optional<Long> merchantId) {
        String merchant = merchantId.isPresent() ? " AND merchant_id = :merchant" : "";
        return h.createQuery("SELECT * FROM online_banking_order WHERE (oid_paybill = :reference OR no_order = :reference)"
                        + merchant + " ORDER BY id")
                .bind("reference", reference)
                .bind("merchant", merchantId.orElse(null))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** The merchant's paid orders whose settle_date is from {@code from} to {@code to}, as report rows. */
    List<ReportRow> reportRows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date, money_order, fee, paid_at,
                               pay_type, info_order
                        FROM online_banking_order
                        WHERE merchant_id = :merchant AND status = :paid AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("paid", OnlineBankingStatus.SUCCESS.name())
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> ReportRow.payment(rs, OnlineBankingProduct.IDENTITY))
                .list();
    }

    private static OnlineBankingOrder map(ResultSet rs) throws SQLException {
        String payType = rs.getString("pay_type");
        String requested = rs.getString("requested_pay_type");
        return new OnlineBankingOrder(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("dt_order"),
                rs.getLong("money_order"),
                rs.getString("user_id"),
                rs.getString("name_goods"),
                rs.getString("info_order"),
                rs.getString("notify_url"),
                rs.getString("url_return"),
                rs.getString("charset_name"),
                requested == null ? null : PayType.byCode(requested).orElseThrow(),
                payType == null ? null : PayType.byCode(payType).orElseThrow(),
                rs.getString("bank_code"),
                OnlineBankingStatus.valueOf(rs.getString("status")),
                rs.getString("memo"),
                rs.getString("settle_date"),
                rs.getString("pay_token"),
                rs.getString("return_token"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "created_at"));
    }
}
