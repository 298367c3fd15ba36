package io.llgate.server.exchange;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.card.CardCharging;
import io.llgate.server.card.HolderColumns;
import io.llgate.server.card.SealedHolder;
import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.store.Columns;
import io.llgate.server.store.OrderRows;
import io.llgate.server.store.Paybills;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Every statement on {@code exchange_order}: the only code that knows the table. Status changes go through
 * {@link #move}, which refuses a move {@link ExchangeStatus} does not allow and writes only over the status it moves
 * from.
 */
final class ExchangeStore implements CardCharging.Orders<ExchangeOrder> {
    private static final OrderRows ORDERS = new OrderRows("exchange_order");

    static final TransactionTable TRANSACTIONS = TransactionTable.of(ExchangeProduct.IDENTITY, ExchangeStatus.class, """
            SELECT id, merchant_id, no_order, oid_paybill, currency_order, money_order, status, created_at, updated_at
            FROM exchange_order""", List.of("no_order", "oid_paybill"), ExchangeStore::transactionRow);

    private static TransactionRow transactionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TransactionRow(new TransactionRef(ExchangeProduct.IDENTITY, rs.getLong("id")),
                rs.getLong("merchant_id"), rs.getString("no_order"), rs.getString("oid_paybill"), null,
                Money.of(rs.getLong("money_order"), currency(rs)), rs.getString("status"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }

    /** Inserts a created order at its price; answers its id. */
    long insert(Handle h, long merchantId, ExchangeApplication a, String applyHash, ExchangePrice price,
                SealedHolder s, IssuedCard card, String noAgree, Instant now) {
        return HolderColumns.bind(h.createUpdate("""
                INSERT INTO exchange_order (merchant_id, no_order, oid_paybill, dt_order, user_id, platform,
                    busi_partner, name_goods, info_order, notify_url, risk_item, pay_type, apply_hash, currency_order,
                    money_order, rate_id, exchange_rate, money_pay, fee, money_settle, <holder>, bank_code, bank_name,
                    card_type, no_agree, status, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :userId, :platform, :busiPartner, :goods, :info,
                    :notifyUrl, :riskItem, :payType, :applyHash, :currency, :money, :rateId, :rate, :pay, :fee, :settle,
                    <holderValues>, :bankCode, :bankName, :cardType, :noAgree, :status, :expires, :now, :now)"""
                        .replace("<holder>", HolderColumns.NAMES).replace("<holderValues>", HolderColumns.VALUES)), s)
                .bind("merchant", merchantId)
                .bind("noOrder", a.noOrder())
                .bind("paybill", Paybills.next(h, now))
                .bind("dtOrder", a.dtOrder())
                .bind("userId", a.userId())
                .bind("platform", a.platform().orElse(null))
                .bind("busiPartner", a.busiPartner())
                .bind("goods", a.nameGoods())
                .bind("info", a.infoOrder().orElse(null))
                .bind("notifyUrl", a.notifyUrl())
                .bind("riskItem", a.riskItem())
                .bind("payType", a.payType().code())
                .bind("applyHash", applyHash)
                .bind("currency", price.order().currency().getCurrencyCode())
                .bind("money", price.order().minor())
                .bind("rateId", price.rateId())
                .bind("rate", price.exchangeRate())
                .bind("pay", price.pay().minor())
                .bind("fee", price.fee().minor())
                .bind("settle", price.settle().minor())
                .bind("bankCode", card.bankCode())
                .bind("bankName", card.bankName())
                .bind("cardType", card.cardType())
                .bind("noAgree", noAgree)
                .bind("status", ExchangeStatus.CREATED.name())
                .bind("expires", now.plus(Duration.ofMinutes(a.validOrderMinutes())))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    @Override
    public ExchangeOrder byId(Handle h, long id) {
        return ORDERS.byId(h, id, (rs, ctx) -> map(rs));
    }

    /** The merchant's order {@code no_order}, locked until the transaction ends. */
    Optional<ExchangeOrder> lockByOrder(Handle h, long merchantId, String noOrder) {
        return ORDERS.lockByOrder(h, merchantId, noOrder, (rs, ctx) -> map(rs));
    }

    /** The order {@code oid_paybill} of any merchant, locked until the transaction ends. */
    @Override
    public Optional<ExchangeOrder> lockByPaybill(Handle h, String oidPaybill) {
        return ORDERS.lockByPaybill(h, oidPaybill, (rs, ctx) -> map(rs));
    }

    /** A created or waiting order's new SMS token: the one before it no longer verifies (X9). */
    boolean markWaiting(Handle h, ExchangeOrder order, String token, Instant tokenExpiresAt, Instant now) {
        String columns = "sms_token = :token, token_expires_at = :tokenExpires, updated_at = :now";
        Update update = order.status() == ExchangeStatus.WAITING
                ? h.createUpdate("UPDATE exchange_order SET " + columns + " WHERE id = :id AND status = 'WAITING'")
                : move(h, order.status(), ExchangeStatus.WAITING, columns, "id = :id");
        return update.bind("token", token)
                .bind("tokenExpires", tokenExpiresAt)
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The card is being charged: its code was verified, or the merchant verifies none. */
    boolean markCharging(Handle h, ExchangeOrder order, Instant now) {
        return move(h, order.status(), ExchangeStatus.PROCESSING, "updated_at = :now", "id = :id")
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The issuer charged the card: paid, bound when it could be, settled on {@code settleDate}. */
    boolean markPaid(Handle h, ExchangeOrder order, String noAgree, String settleDate, Instant now) {
        return move(h, order.status(), ExchangeStatus.SUCCESS,
                "no_agree = :noAgree, settle_date = :settle, paid_at = :now, updated_at = :now", "id = :id")
                .bind("noAgree", noAgree)
                .bind("settle", settleDate)
                .bind("now", now)
                .bind("id", order.id())
                .execute() == 1;
    }

    /** The issuer declined the charge: its code and message are kept. */
    @Override
    public void declined(Handle h, ExchangeOrder order, RetCode refusal, Instant now) {
        move(h, order.status(), ExchangeStatus.FAILURE, "fail_code = :code, memo = :memo, updated_at = :now", "id = :id")
                .bind("code", refusal.code())
                .bind("memo", refusal.message())
                .bind("now", now)
                .bind("id", order.id())
                .execute();
    }

    /** A paid order whose refunds add up to its whole amount ({@code refunded}, hundredths of its currency). */
    boolean markRefunded(Handle h, long id, long refunded, Instant now) {
        return move(h, ExchangeStatus.SUCCESS, ExchangeStatus.REFUND, "updated_at = :now",
                "id = :id AND money_order <= :refunded")
                .bind("now", now)
                .bind("id", id)
                .bind("refunded", refunded)
                .execute() == 1;
    }

    /** Fails every waiting order whose {@code valid_order} has passed, with {@code memo}, in one statement. */
    int failExpired(Handle h, String memo, Instant now) {
        return move(h, ExchangeStatus.WAITING, ExchangeStatus.FAILURE, "memo = :memo, updated_at = :now",
                "expires_at <= :now")
                .bind("memo", memo)
                .bind("now", now)
                .execute();
    }

    /** The one way a status is written, after checking that the move is allowed. */
    private static Update move(Handle h, ExchangeStatus from, ExchangeStatus to, String columns, String condition) {
        from.requireMoveTo(to);
        return h.createUpdate("UPDATE exchange_order SET status = :to, " + columns + " WHERE status = :from AND " + condition)
                .bind("to", to.name())
                .bind("from", from.name());
    }

    /** The merchant's orders the lookup names (at most two), in id order. */
    List<ExchangeOrder> named(Handle h, long merchantId, OrderLookup lookup) {
        return ORDERS.named(h, merchantId, lookup, (rs, ctx) -> map(rs));
    }

    /** The merchant's orders the lookup names, each locked until the transaction ends. */
    <T> List<T> lockNamed(Handle h, long merchantId, OrderLookup lookup, RowMapper<T> mapper) {
        return ORDERS.lockNamed(h, merchantId, lookup, mapper);
    }

    /** The merchant's paid orders whose settle_date is from {@code from} to {@code to}, oldest first. */
    List<ExchangeOrder> paidBetween(Handle h, long merchantId, String from, String to) {
        return h.createQuery("""
                        SELECT * FROM exchange_order
                        WHERE merchant_id = :merchant AND status IN ('SUCCESS', 'REFUND')
                          AND settle_date BETWEEN :from AND :to
                        ORDER BY id""")
                .bind("merchant", merchantId)
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    static ExchangeOrder map(ResultSet rs) throws SQLException {
        Currency currency = currency(rs);
        ExchangePrice price = new ExchangePrice(Money.of(rs.getLong("money_order"), currency),
                rs.getLong("rate_id"), rs.getString("exchange_rate"), Money.cny(rs.getLong("money_pay")),
                Money.of(rs.getLong("fee"), currency), Money.of(rs.getLong("money_settle"), currency));
        return new ExchangeOrder(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("no_order"),
                rs.getString("oid_paybill"),
                rs.getString("dt_order"),
                rs.getString("user_id"),
                rs.getString("platform"),
                rs.getString("busi_partner"),
                rs.getString("name_goods"),
                rs.getString("info_order"),
                rs.getString("notify_url"),
                ExchangePayType.byCode(rs.getString("pay_type")).orElseThrow(),
                rs.getString("apply_hash"),
                price,
                HolderColumns.read(rs),
                rs.getString("bank_code"),
                rs.getString("bank_name"),
                rs.getString("card_type"),
                rs.getString("no_agree"),
                rs.getString("sms_token"),
                Columns.instant(rs, "token_expires_at"),
                ExchangeStatus.valueOf(rs.getString("status")),
                rs.getString("fail_code"),
                rs.getString("memo"),
                rs.getString("settle_date"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "paid_at"),
                Columns.instant(rs, "created_at"));
    }

    private static Currency currency(ResultSet rs) throws SQLException {
        return Currencies.of(rs.getString("currency_order")).orElseThrow();
    }
}
