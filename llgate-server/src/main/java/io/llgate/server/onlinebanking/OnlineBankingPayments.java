package io.llgate.server.onlinebanking;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.merchant.FeeRate;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.notify.Notifier;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Paybills;
import io.llgate.server.store.Columns;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The online banking state machine. An order waits while the payer is at the cashier or the bank. The
 * bank's answer makes it SUCCESS, which in one transaction credits the merchant's unsettled balance,
 * queues the asynchronous notification and opens the single-use return to {@code url_return}; or FAILURE,
 * which does none of these. An order not paid within {@code valid_order} closes.
 */
public final class OnlineBankingPayments implements RefundablePayments {
    static final String PRODUCT = OnlineBankingProduct.IDENTITY.name();
    /** The bank-side messages a 1.1 query reports as {@code memo}. */
    static final String PAID_MEMO = "支付成功";
    static final String DECLINED_MEMO = "付款人未完成支付";
    static final String CLOSED_MEMO = "订单超时关闭";

    private static final String SELECT = """
            SELECT o.*, m.oid_partner, m.name AS merchant_name
            FROM online_banking_order o JOIN merchant m ON m.id = o.merchant_id
            """;
    /**
     * The ids of a merchant's orders with {@code no_order} :noOrder or {@code oid_paybill} :paybill: two index
     * lookups, since with the OR in one WHERE H2 reads every order of the merchant.
     */
    static final String IDS_BY_ORDER_OR_PAYBILL = """
            SELECT id FROM online_banking_order WHERE merchant_id = :merchant AND no_order = :noOrder
            UNION
            SELECT id FROM online_banking_order WHERE merchant_id = :merchant AND oid_paybill = :paybill""";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Notifier notifier;
    private final GatewayKeys keys;
    private final Banks banks;
    private final SecureRandom random = new SecureRandom();

    public OnlineBankingPayments(Jdbi jdbi, Clock clock, Ledger ledger, Notifier notifier, GatewayKeys keys,
                                 Banks banks) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = new PaymentReceipts(ledger);
        this.notifier = notifier;
        this.keys = keys;
        this.banks = banks;
    }

    public Banks banks() {
        return banks;
    }

    /**
     * Creates the order, or resumes the waiting order a repeated post of the same order names (O12).
     * Refusals write nothing: 2007 when that order is paid, 2006 when it closed, 1002 when it failed or
     * the repeat differs in amount or goods.
     */
    public OnlineBankingOrder start(Merchant merchant, PaymentRequest request) {
        try {
            return jdbi.inTransaction(h -> {
                Optional<Long> existing = lockByOrder(h, merchant.id(), request.noOrder());
                if (existing.isPresent()) {
                    return resume(h, existing.get(), request);
                }
                return byId(h, insert(h, merchant.id(), request));
            });
        } catch (UnableToExecuteStatementException e) {
            // Two posts of the same order raced: the unique constraint let one through, and this one resumes it.
            return jdbi.inTransaction(h -> resume(h, lockByOrder(h, merchant.id(), request.noOrder()).orElseThrow(() -> e),
                    request));
        }
    }

    /** The payer's choice at the cashier; 1200 when the bank does not serve that kind of online banking. */
    public OnlineBankingOrder chooseBank(String payToken, PayType type, String bankCode) {
        return jdbi.inTransaction(h -> {
            OnlineBankingOrder order = byId(h, lockByPayToken(h, payToken));
            requireWaiting(order);
            if (order.requestedPayTypeIfAny().filter(requested -> requested != type).isPresent()) {
                throw Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "pay_type");
            }
            Bank bank = banks.find(bankCode).filter(b -> b.offers(type))
                    .orElseThrow(() -> Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "bank_code"));
            setBank(h, order.id(), type, bank.bankCode());
            return byId(h, order.id());
        });
    }

    /**
     * The bank's answer for a waiting order, from its page or the sandbox control. Refused without a
     * write when the order is no longer waiting: 2007 paid, 2006 closed, 1005 declined.
     */
    public OnlineBankingOrder complete(String payToken, boolean paid) {
        return jdbi.inTransaction(h -> {
            OnlineBankingOrder order = byId(h, lockByPayToken(h, payToken));
            requireWaiting(order);
            Instant now = clock.instant();
            if (paid) {
                pay(h, order, now);
            } else {
                h.createUpdate("""
                        UPDATE online_banking_order SET status = 'FAILURE', memo = :memo, updated_at = :now WHERE id = :id""")
                        .bind("memo", DECLINED_MEMO).bind("now", now).bind("id", order.id()).execute();
            }
            return byId(h, order.id());
        });
    }

    /**
     * The signed result message: the asynchronous notification (01 §2.2) and the synchronous return
     * (01 §3) carry the same fields.
     */
    public LinkedHashMap<String, String> resultMessage(OnlineBankingOrder order) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", order.oidPartner());
        fields.put("no_order", order.noOrder());
        fields.put("dt_order", order.dtOrder());
        fields.put("oid_paybill", order.oidPaybill());
        fields.put("money_order", Amounts.format(order.moneyOrder()));
        fields.put("result_pay", order.status().resultPay());
        fields.put("settle_date", order.settleDate());
        fields.put("info_order", order.infoOrder());
        fields.put("pay_type", order.payTypeIfKnown().map(PayType::code).orElse(null));
        fields.put("bank_code", order.bankCode());
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    /** A visit to the return page: the order and whether this is the visit that may post to url_return. */
    public record ReturnVisit(OnlineBankingOrder order, boolean first) {
    }

    /** Claims the return: only the first visit with a token gets {@code first}; the claim commits before the page is sent. */
    public Optional<ReturnVisit> returnVisit(String returnToken) {
        return jdbi.inTransaction(h -> {
            int claimed = h.createUpdate("""
                    UPDATE online_banking_order SET returned_at = :now
                    WHERE return_token = :token AND returned_at IS NULL""")
                    .bind("now", clock.instant())
                    .bind("token", returnToken)
                    .execute();
            return h.createQuery(SELECT + "WHERE o.return_token = :token")
                    .bind("token", returnToken)
                    .map((rs, ctx) -> map(rs))
                    .findOne()
                    .map(order -> new ReturnVisit(order, claimed == 1));
        });
    }

    /** Closes every waiting order whose {@code valid_order} has passed. */
    public int closeExpired() {
        Instant now = clock.instant();
        // One statement: an order being paid holds its row lock, and the status check runs again after it.
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE online_banking_order SET status = 'CLOSED', memo = :memo, updated_at = :now
                WHERE status = 'WAITING' AND expires_at <= :now""")
                .bind("memo", CLOSED_MEMO)
                .bind("now", now)
                .execute());
    }

    /** The order behind a cashier or bank page, if it can still be paid: 8901 unknown, 2007, 2006 or 1005. */
    public OnlineBankingOrder waiting(String payToken) {
        OnlineBankingOrder order = byPayToken(payToken).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        requireWaiting(order);
        return order;
    }

    public Optional<OnlineBankingOrder> byPayToken(String payToken) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE o.pay_token = :token")
                .bind("token", payToken)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /** A merchant's order by {@code no_order} and/or {@code oid_paybill}; 9092 when both are given and disagree. */
    public Optional<OnlineBankingOrder> find(long merchantId, Optional<String> noOrder, Optional<String> oidPaybill) {
        List<OnlineBankingOrder> found = jdbi.withHandle(h -> h.createQuery(SELECT
                        + "WHERE o.id IN (" + IDS_BY_ORDER_OR_PAYBILL + ") ORDER BY o.id")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder.orElse(null))
                .bind("paybill", oidPaybill.orElse(null))
                .map((rs, ctx) -> map(rs))
                .list());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OnlineBankingOrder order = found.get(0);
        boolean agrees = found.size() == 1
                && noOrder.map(order.noOrder()::equals).orElse(true)
                && oidPaybill.map(order.oidPaybill()::equals).orElse(true);
        if (!agrees) {
            throw Refusal.of(RetCode.PAYBILL_ORDER_MISMATCH);
        }
        return Optional.of(order);
    }

    @Override
    public Optional<RefundablePayment> lockForRefund(Handle h, long merchantId, Optional<String> noOrder,
                                                     Optional<String> oidPaybill) {
        List<Long> ids = h.createQuery(IDS_BY_ORDER_OR_PAYBILL)
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder.orElse(null))
                .bind("paybill", oidPaybill.orElse(null))
                .mapTo(Long.class)
                .list();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        if (ids.size() > 1) {
            throw Refusal.of(RetCode.PAYBILL_ORDER_MISMATCH);
        }
        return h.createQuery("SELECT * FROM online_banking_order WHERE id = :id FOR UPDATE")
                .bind("id", ids.get(0))
                .map((rs, ctx) -> {
                    if (!noOrder.map(rs.getString("no_order")::equals).orElse(true)
                            || !oidPaybill.map(rs.getString("oid_paybill")::equals).orElse(true)) {
                        throw Refusal.of(RetCode.PAYBILL_ORDER_MISMATCH);
                    }
                    return new RefundablePayment(PRODUCT, rs.getLong("id"), rs.getString("no_order"),
                            rs.getString("oid_paybill"), rs.getString("dt_order"), rs.getLong("money_order"),
                            rs.getLong("fee"), OrderStatus.valueOf(rs.getString("status")) == OrderStatus.SUCCESS,
                            Columns.instant(rs, "paid_at"), rs.getString("busi_partner"), rs.getString("pay_type"),
                            rs.getString("info_order"));
                })
                .findOne();
    }

    /** A merchant's latest orders, newest first, at most {@code limit}. */
    public List<OnlineBankingOrder> recent(String oidPartner, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE m.oid_partner = :oid ORDER BY o.id DESC LIMIT :limit")
                .bind("oid", oidPartner)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /** Orders whose {@code oid_paybill} or {@code no_order} is {@code reference}, of one merchant when given. */
    public List<OnlineBankingOrder> byReference(String reference, Optional<String> oidPartner) {
        String merchant = oidPartner.isPresent() ? " AND m.oid_partner = :oid" : "";
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE (o.oid_paybill = :reference OR o.no_order = :reference)"
                        + merchant + " ORDER BY o.id")
                .bind("reference", reference)
                .bind("oid", oidPartner.orElse(null))
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private OnlineBankingOrder resume(Handle h, long id, PaymentRequest request) {
        OnlineBankingOrder order = byId(h, id);
        switch (order.statusAt(clock.instant())) {
            case SUCCESS -> throw Refusal.of(RetCode.ALREADY_PAID, "no_order");
            case CLOSED -> throw Refusal.of(RetCode.EXPIRED, "no_order");
            case FAILURE -> throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
            case WAITING -> {
                if (order.moneyOrder() != request.moneyOrder() || !order.nameGoods().equals(request.nameGoods())) {
                    throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
                }
            }
        }
        if (request.bankCode().isPresent()) {
            setBank(h, id, request.payType().orElse(PayType.DEBIT), request.bankCode().get());
        }
        return byId(h, id);
    }

    private void pay(Handle h, OnlineBankingOrder order, Instant now) {
        // A bank that does not send the payer back (ICBC) leaves nobody to carry the return to url_return.
        boolean returns = order.bankCodeIfChosen().flatMap(banks::find).map(Bank::returnsToMerchant).orElse(true);
        String returnToken = order.urlReturn() != null && returns ? token() : null;
        String settleDate = ledger.calendar().settleDate(now);
        long fee = h.createQuery("SELECT fee_rate_bp FROM merchant WHERE id = :id")
                .bind("id", order.merchantId())
                .map((rs, ctx) -> new FeeRate(rs.getInt(1)))
                .one()
                .feeOn(order.moneyOrder());
        h.createUpdate("""
                UPDATE online_banking_order SET status = 'SUCCESS', pay_type = :payType, settle_date = :settle,
                       memo = :memo, return_token = :returnToken, fee = :fee, paid_at = :now, updated_at = :now
                WHERE id = :id""")
                .bind("fee", fee)
                .bind("payType", order.payTypeIfKnown().orElse(PayType.DEBIT).code())
                .bind("settle", settleDate)
                .bind("memo", PAID_MEMO)
                .bind("returnToken", returnToken)
                .bind("now", now)
                .bind("id", order.id())
                .execute();
        OnlineBankingOrder paid = byId(h, order.id());
        notifier.enqueue(h, new OutgoingNotification(paid.merchantId(), PRODUCT, paid.oidPaybill(), paid.noOrder(),
                paid.status().resultPay(), paid.notifyUrl(), FlatJson.write(resultMessage(paid))));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        receipts.receive(h, order.merchantId(), new TransactionRef(OnlineBankingProduct.IDENTITY, order.id()), order.moneyOrder(), fee,
                settleDate);
    }

    private void requireWaiting(OnlineBankingOrder order) {
        switch (order.statusAt(clock.instant())) {
            case SUCCESS -> throw Refusal.of(RetCode.ALREADY_PAID);
            case CLOSED -> throw Refusal.of(RetCode.EXPIRED);
            case FAILURE -> throw Refusal.of(RetCode.PAYMENT_FAILED);
            case WAITING -> { }
        }
    }

    private long insert(Handle h, long merchantId, PaymentRequest r) {
        Instant now = clock.instant();
        PayType payType = r.payType().orElse(r.bankCode().isPresent() ? PayType.DEBIT : null);
        return h.createUpdate("""
                INSERT INTO online_banking_order (merchant_id, no_order, oid_paybill, dt_order, money_order, user_id,
                    busi_partner, name_goods, info_order, notify_url, url_return, url_order, userreq_ip, charset_name,
                    requested_pay_type, pay_type, bank_code, status, pay_token, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :paybill, :dtOrder, :money, :userId, :busiPartner, :goods, :info, :notifyUrl,
                    :urlReturn, :urlOrder, :ip, :charset, :requested, :payType, :bankCode, 'WAITING', :payToken, :expires,
                    :now, :now)""")
                .bind("merchant", merchantId)
                .bind("noOrder", r.noOrder())
                .bind("paybill", Paybills.next(h, now))
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
                .bind("payToken", token())
                .bind("expires", now.plus(Duration.ofMinutes(r.validOrderMinutes())))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private void setBank(Handle h, long id, PayType type, String bankCode) {
        h.createUpdate("UPDATE online_banking_order SET pay_type = :type, bank_code = :bank, updated_at = :now WHERE id = :id")
                .bind("type", type.code())
                .bind("bank", bankCode)
                .bind("now", clock.instant())
                .bind("id", id)
                .execute();
    }

    /** 128 random bits: page addresses nobody can guess from an order number. */
    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Optional<Long> lockByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery("SELECT id FROM online_banking_order WHERE merchant_id = :merchant AND no_order = :noOrder FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .mapTo(Long.class)
                .findOne();
    }

    private static long lockByPayToken(Handle h, String payToken) {
        return h.createQuery("SELECT id FROM online_banking_order WHERE pay_token = :token FOR UPDATE")
                .bind("token", payToken)
                .mapTo(Long.class)
                .findOne()
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
    }

    private static OnlineBankingOrder byId(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE o.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).one();
    }

    private static OnlineBankingOrder map(ResultSet rs) throws SQLException {
        String payType = rs.getString("pay_type");
        String requested = rs.getString("requested_pay_type");
        return new OnlineBankingOrder(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("oid_partner"),
                rs.getString("merchant_name"),
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
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("memo"),
                rs.getString("settle_date"),
                rs.getString("pay_token"),
                rs.getString("return_token"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "created_at"));
    }

}
