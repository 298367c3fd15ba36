package io.llgate.server.easypay;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.card.CardCharging;
import io.llgate.server.card.HolderColumns;
import io.llgate.server.card.SealedHolder;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.ReportRow;
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
 * Every statement on {@code easypay_order}: the only code that knows the table. Status changes go through
 * {@link #move}, which refuses a move {@link EasypayStatus} does not allow and writes only over the status it moves
 * from.
 */
final class EasypayStore implements CardCharging.Orders<EasypayOrder> {
    /** The ids of a merchant's orders with {@code no_order} :noOrder or {@code oid_paybill} :paybill. */
    private static final OrderRows ORDERS = new OrderRows("easypay_order");

    static final TransactionTable TRANSACTIONS = TransactionTable.of(EasypayProduct.IDENTITY, EasypayStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, money_order, status, created_at, updated_at
            FROM easypay_order""", List.of("no_order", "oid_paybill"), EasypayStore::transactionRow);

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(EasypayProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.cny(rs.getLong("money_order")), rs.getString("status"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    /** Inserts an order in {@code status} (waiting for its SMS code, or being charged at once); answers its id. */
    long insert(Handle h, long merchantId, EasypayApplication a, SealedHolder s, IssuedCard card, String noAgree,
                EasypayStatus status, Instant now) {
        return HolderColumns.bind(h.createUpdate("""
                INSERT INTO easypay_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id, platform,
                    busi_partner, name_goods, info_order, notify_url, risk_item, pay_type, client_chnl, <holder>,
                    bank_code, bank_name, card_type, no_agree, status, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :money, :userId, :platform, :busiPartner, :goods, :info,
                    :notifyUrl, :riskItem, :payType, :clientChnl, <holderValues>, :bankCode, :bankName, :cardType,
                    :noAgree, :status, :expires, :now, :now)"""
                        .replace("<holder>", HolderColumns.NAMES).replace("<holderValues>", HolderColumns.VALUES)), s)
                .bind("merchant", merchantId)
                .bind("noOrder", a.noOrder())
                .bind("paybill", Paybills.next(h, now))
                .bind("dtOrder", a.dtOrder())
                .bind("money", a.moneyOrder())
                .bind("userId", a.userId())
                .bind("platform", a.platform().orElse(null))
                .bind("busiPartner", a.busiPartner())
                .bind("goods", a.nameGoods())
                .bind("info", a.infoOrder().orElse(null))
                .bind("notifyUrl", a.notifyUrl())
                .bind("riskItem", a.riskItem())
                .bind("payType", a.payType().code())
                .bind("clientChnl", a.clientChnl().orElse(null))
                .bind("bankCode", card.bankCode())
                .bind("bankName", card.bankName())
                .bind("cardType", card.cardType())
                .bind("noAgree", noAgree)
                .bind("status", status.name())
                .bind("expires", now.plus(Duration.ofMinutes(a.validOrderMinutes())))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    @Override
    public EasypayOrder byId(Handle h, long id) {
        return ORDERS.byId(h, id, (rs, ctx) -> map(rs));
    }

    /** The merchant's order {@code no_order}, locked until the transaction ends. */
    Optional<EasypayOrder> lockByOrder(Handle h, long merchantId, String noOrder) {
        return ORDERS.lockByOrder(h, merchantId, noOrder, (rs, ctx) -> map(rs));
    }

    /** The order {@code oid_paybill} of any merchant, locked until the transaction ends. */
    @Override
    public Optional<EasypayOrder> lockByPaybill(Handle h, String oidPaybill) {
        return ORDERS.lockByPaybill(h, oidPaybill, (rs, ctx) -> map(rs));
    }

    void setSmsToken(Handle h, long id, String token, Instant now) {
        h.createUpdate("UPDATE easypay_order SET sms_token = :token, updated_at = :now WHERE id = :id")
                .bind("token", token)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    /** A waiting order's code was verified: the card is being charged. */
    boolean markCharging(Handle h, EasypayOrder order, Instant now) {
        return move(h, order.status(), EasypayStatus.PROCESSING, "updated_at = :now", "id = :id")
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The issuer charged (or authorized) the card: paid, bound, settled on {@code settleDate}. */
    boolean markPaid(Handle h, EasypayOrder order, EasypayStatus paid, String noAgree, String settleDate, long fee,
                     Instant now) {
        return move(h, order.status(), paid, """
                no_agree = :noAgree, settle_date = :settle, fee = :fee, paid_at = :now, updated_at = :now""", "id = :id")
                .bind("noAgree", noAgree)
                .bind("settle", settleDate)
                .bind("fee", fee)
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The issuer declined the charge: its code is kept. */
    @Override
    public void declined(Handle h, EasypayOrder order, RetCode refusal, Instant now) {
        move(h, order.status(), EasypayStatus.FAILURE, "fail_code = :code, updated_at = :now", "id = :id")
                .bind("code", refusal.code())
                .bind("now", now)
                .bind("id", order.id())
                .execute();
    }

    /** Closes every waiting order whose {@code valid_order} has passed, in one statement. */
    int closeExpired(Handle h, Instant now) {
        return move(h, EasypayStatus.WAITING, EasypayStatus.CLOSED, "updated_at = :now", "expires_at <= :now")
                .bind("now", now)
                .execute();
    }

    /** The one way a status is written, after checking that the move is allowed. */
    private static Update move(Handle h, EasypayStatus from, EasypayStatus to, String columns, String condition) {
        from.requireMoveTo(to);
        return h.createUpdate("UPDATE easypay_order SET status = :to, " + columns + " WHERE status = :from AND " + condition)
                .bind("to", to.name())
                .bind("from", from.name());
    }

    /** The merchant's orders the lookup names (at most two), in id order. */
    List<EasypayOrder> named(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.named(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /** The merchant's payments the lookup names, as refunds see them, each locked until the transaction ends. */
    List<RefundablePayment> lockRefundable(Handle h, long merchantId, OrderLookup lookup, String product) {
        return ORDERS.lockNamed(h, merchantId, lookup, (rs, ctx) -> new RefundablePayment(product, rs.getLong("id"),
                rs.getString("no_order"), rs.getString("oid_paybill"), rs.getString("dt_order"), rs.getLong("money_order"),
                rs.getLong("fee"),
                // An authorization is no payment until captured: nothing to refund.
                EasypayStatus.valueOf(rs.getString("status")) == EasypayStatus.SUCCESS,
                Columns.instant(rs, "paid_at"), rs.getString("busi_partner"), rs.getString("pay_type"),
                rs.getString("info_order")));
    }

    /** The merchant's paid orders whose settle_date is from {@code from} to {@code to}, as report rows. */
    List<ReportRow> reportRows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date, money_order, fee, paid_at,
                               pay_type, info_order
                        FROM easypay_order
                        WHERE merchant_id = :merchant AND status = :paid AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("paid", EasypayStatus.SUCCESS.name())
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> ReportRow.payment(rs, EasypayProduct.IDENTITY))
                .list();
    }

    private static EasypayOrder map(ResultSet rs) throws SQLException {
        SealedHolder holder = HolderColumns.read(rs);
        return new EasypayOrder(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("dt_order"),
                rs.getLong("money_order"),
                rs.getString("user_id"),
                rs.getString("platform"),
                rs.getString("busi_partner"),
                rs.getString("name_goods"),
                rs.getString("info_order"),
                rs.getString("notify_url"),
                PayType.byCode(rs.getString("pay_type")).orElseThrow(),
                holder,
                rs.getString("bank_code"),
                rs.getString("bank_name"),
                rs.getString("card_type"),
                rs.getString("no_agree"),
                rs.getString("sms_token"),
                EasypayStatus.valueOf(rs.getString("status")),
                rs.getString("fail_code"),
                rs.getString("settle_date"),
                rs.getLong("fee"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "paid_at"),
                Columns.instant(rs, "created_at"));
    }
}
