package io.llgate.server.mpay;

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
 * Every statement on {@code mpay_order}: the only code that knows the table. Status changes go through {@link #move},
 * which refuses a move {@link MpayStatus} does not allow and writes only over the status it moves from.
 */
final class MpayStore implements CardCharging.Orders<MpayOrder> {
    /** The ids of a merchant's orders with {@code no_order} :noOrder or {@code oid_paybill} :paybill. */
    private static final OrderRows ORDERS = new OrderRows("mpay_order");

    static final TransactionTable TRANSACTIONS = TransactionTable.of(MpayProduct.IDENTITY, MpayStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, money_order, status, created_at, updated_at
            FROM mpay_order""", List.of("no_order", "oid_paybill"), MpayStore::transactionRow);

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(MpayProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.cny(rs.getLong("money_order")), rs.getString("status"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    /** Inserts an order in {@code status} (waiting for its SMS code, or being charged at once); answers its id. */
    long insert(Handle h, long merchantId, MpayApplication a, SealedHolder s, IssuedCard card, String noAgree,
                MpayStatus status, Instant now) {
        return HolderColumns.bind(h.createUpdate("""
                INSERT INTO mpay_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id, platform,
                    busi_partner, name_goods, info_order, notify_url, risk_item, shareing_data, pay_type, <holder>,
                    bank_code, bank_name, card_type, no_agree, status, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :money, :userId, :platform, :busiPartner, :goods, :info,
                    :notifyUrl, :riskItem, :sharing, :payType, <holderValues>, :bankCode, :bankName, :cardType,
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
                .bind("sharing", a.shareingData().orElse(null))
                .bind("payType", a.payType().code())
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
    public MpayOrder byId(Handle h, long id) {
        return ORDERS.byId(h, id, (rs, ctx) -> map(rs));
    }

    /** The merchant's order {@code no_order}, locked until the transaction ends. */
    Optional<MpayOrder> lockByOrder(Handle h, long merchantId, String noOrder) {
        return ORDERS.lockByOrder(h, merchantId, noOrder, (rs, ctx) -> map(rs));
    }

    /** The order {@code oid_paybill} of any merchant, locked until the transaction ends. */
    @Override
    public Optional<MpayOrder> lockByPaybill(Handle h, String oidPaybill) {
        return ORDERS.lockByPaybill(h, oidPaybill, (rs, ctx) -> map(rs));
    }

    void setSmsToken(Handle h, long id, String token, Instant now) {
        h.createUpdate("UPDATE mpay_order SET sms_token = :token, updated_at = :now WHERE id = :id")
                .bind("token", token)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    /** A waiting order's code was verified: the card is being charged. */
    boolean markCharging(Handle h, MpayOrder order, Instant now) {
        return move(h, order.status(), MpayStatus.PROCESSING, "updated_at = :now", "id = :id")
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The issuer charged the card: paid, bound, settled on {@code settleDate}. */
    boolean markPaid(Handle h, MpayOrder order, String noAgree, String settleDate, long fee, Instant now) {
        return move(h, order.status(), MpayStatus.SUCCESS, """
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
    public void declined(Handle h, MpayOrder order, RetCode refusal, Instant now) {
        move(h, order.status(), MpayStatus.FAILURE, "fail_code = :code, updated_at = :now", "id = :id")
                .bind("code", refusal.code())
                .bind("now", now)
                .bind("id", order.id())
                .execute();
    }

    /** Closes every waiting order whose {@code valid_order} has passed, in one statement. */
    int closeExpired(Handle h, Instant now) {
        return move(h, MpayStatus.WAITING, MpayStatus.CLOSED, "updated_at = :now", "expires_at <= :now")
                .bind("now", now)
                .execute();
    }

    /** The one way a status is written, after checking that the move is allowed. */
    private static Update move(Handle h, MpayStatus from, MpayStatus to, String columns, String condition) {
        from.requireMoveTo(to);
        return h.createUpdate("UPDATE mpay_order SET status = :to, " + columns + " WHERE status = :from AND " + condition)
                .bind("to", to.name())
                .bind("from", from.name());
    }

    /** The merchant's orders the lookup names (at most two), in id order. */
    List<MpayOrder> named(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.named(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /** The merchant's payments the lookup names, as refunds see them, each locked until the transaction ends. */
    List<RefundablePayment> lockRefundable(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.lockNamed(h, merchantId, lookup, (rs, ctx) -> new RefundablePayment(MpayProduct.IDENTITY.name(),
                rs.getLong("id"), rs.getString("no_order"), rs.getString("oid_paybill"), rs.getString("dt_order"),
                rs.getLong("money_order"), rs.getLong("fee"),
                MpayStatus.valueOf(rs.getString("status")) == MpayStatus.SUCCESS,
                Columns.instant(rs, "paid_at"), rs.getString("busi_partner"), rs.getString("pay_type"),
                rs.getString("info_order")));
    }

    /** The merchant's paid orders whose settle_date is from {@code from} to {@code to}, as report rows. */
    List<ReportRow> reportRows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date, money_order, fee, paid_at,
                               pay_type, info_order
                        FROM mpay_order
                        WHERE merchant_id = :merchant AND status = :paid AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("paid", MpayStatus.SUCCESS.name())
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> ReportRow.payment(rs, MpayProduct.IDENTITY))
                .list();
    }

    private static MpayOrder map(ResultSet rs) throws SQLException {
        return new MpayOrder(
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
                rs.getString("shareing_data"),
                MpayPayType.byCode(rs.getString("pay_type")).orElseThrow(),
                HolderColumns.read(rs),
                rs.getString("bank_code"),
                rs.getString("bank_name"),
                rs.getString("card_type"),
                rs.getString("no_agree"),
                rs.getString("sms_token"),
                MpayStatus.valueOf(rs.getString("status")),
                rs.getString("fail_code"),
                rs.getString("settle_date"),
                rs.getLong("fee"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "paid_at"),
                Columns.instant(rs, "created_at"));
    }
}
