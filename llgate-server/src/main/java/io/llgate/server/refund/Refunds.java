package io.llgate.server.refund;

import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.RefundInstruction;
import io.llgate.server.bank.RefundResultListener;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.InsufficientFundsException;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.notify.Notifier;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Columns;
import io.llgate.server.store.Paybills;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund state machine. Apply checks the payment and every earlier refund of it under the payment's
 * row lock, holds the merchant's share (unsettled first, then available) and hands the refund to the bank:
 * {@code PROCESSING}. The bank's answer makes it {@code SUCCESS}, the money leaving for the payer, or
 * {@code FAILURE}, the hold going back; either queues the refund notification in the same transaction.
 */
public final class Refunds implements RefundResultListener {
    private static final Logger log = LoggerFactory.getLogger(Refunds.class);
    static final String PRODUCT = RefundProduct.IDENTITY.name();
    /** R1: a CNY payment's refund carries neutral exchange fields. */
    static final String RATE_ID = "1";
    static final String RATE = "1.00";
    static final String EXCHANGE_BANKCODE = "01040000";
    /** R9: refunds are possible for six calendar months after the payment. */
    static final int REFUNDABLE_MONTHS = 6;
    /** PostgreSQL's answers for a transaction that lost a race and may simply be tried again. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private static final String SELECT = """
            SELECT r.*, m.oid_partner FROM refund r JOIN merchant m ON m.id = r.merchant_id
            """;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final RefundPostings postings;
    private final BankChannel bank;
    private final Notifier notifier;
    private final GatewayKeys keys;
    private final Supplier<List<RefundablePayments>> products;

    public Refunds(Jdbi jdbi, Clock clock, Ledger ledger, BankChannel bank, Notifier notifier, GatewayKeys keys,
                   Supplier<List<RefundablePayments>> products) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.postings = new RefundPostings(ledger);
        this.bank = bank;
        this.notifier = notifier;
        this.keys = keys;
        this.products = products;
    }

    /**
     * Applies for a refund, or returns the refund an identical earlier apply with the same {@code no_refund}
     * made (R7). Every refusal is an {@link Refusal} and writes nothing.
     */
    public Refund apply(Merchant merchant, RefundRequest request) {
        try {
            return jdbi.inTransaction(h -> apply(h, merchant, request));
        } catch (UnableToExecuteStatementException e) {
            // Two applies with one no_refund raced and the unique constraint stopped this one, or the database
            // chose this transaction to lose a lock race: once more, and the winner's refund is found.
            log.info("refund {} of {} is retried after {}", request.noRefund(), merchant.oidPartner(), e.getMessage());
            try {
                return jdbi.inTransaction(h -> apply(h, merchant, request));
            } catch (UnableToExecuteStatementException again) {
                if (isTransient(again)) {
                    throw Refusal.of(RetCode.REFUND_FAILED_RETRY);
                }
                throw again;
            }
        }
    }

    /**
     * A merchant's refund named by {@code no_refund}, by {@code oid_refundno}, or by both (12 §5): with both, each
     * is looked up on its own and they must find the same refund, else nothing is found. An {@code oid_refundno}
     * of another merchant's refund finds nothing.
     */
    public Optional<Refund> find(long merchantId, Optional<String> noRefund, Optional<String> oidRefundno) {
        return jdbi.withHandle(h -> {
            Optional<Refund> byNumber = noRefund.flatMap(n -> byNoRefund(h, merchantId, n));
            Optional<Refund> byOid = oidRefundno.flatMap(n -> byOidRefundno(h, merchantId, n));
            if (noRefund.isPresent() && oidRefundno.isPresent()) {
                return byNumber.filter(found -> byOid.map(other -> other.id() == found.id()).orElse(false));
            }
            return byNumber.or(() -> byOid);
        });
    }

    /** A merchant's refunds of one payment, named by its {@code oid_paybill}, oldest first. */
    public List<Refund> ofPayment(String oidPartner, String oidPaybill) {
        return jdbi.withHandle(h -> h.createQuery(SELECT
                        + "WHERE m.oid_partner = :oid AND r.oid_paybill = :paybill ORDER BY r.id")
                .bind("oid", oidPartner)
                .bind("paybill", oidPaybill)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /** Refunds whose {@code oid_refundno} or {@code no_refund} is {@code reference}, of one merchant when given. */
    public List<Refund> byReference(String reference, Optional<String> oidPartner) {
        String merchant = oidPartner.isPresent() ? " AND m.oid_partner = :oid" : "";
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE (r.oid_refundno = :reference OR r.no_refund = :reference)"
                        + merchant + " ORDER BY r.id")
                .bind("reference", reference)
                .bind("oid", oidPartner.orElse(null))
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public void onRefundResult(Handle h, String reference, boolean returned) {
        Optional<Refund> found = h.createQuery(SELECT + "WHERE r.oid_refundno = :ref FOR UPDATE")
                .bind("ref", reference)
                .map((rs, ctx) -> map(rs))
                .findOne();
        if (found.isEmpty()) {
            log.warn("bank answer for unknown refund {}", reference);
            return;
        }
        Refund refund = found.get();
        if (refund.status() != RefundStatus.PROCESSING) {
            return;
        }
        Instant now = clock.instant();
        String settleDate = ledger.calendar().settleDate(now);
        RefundStatus status = returned ? RefundStatus.SUCCESS : RefundStatus.FAILURE;
        h.createUpdate("""
                UPDATE refund SET status = :status, settle_date = :settle, failure_reason = :reason,
                       completed_at = :now, updated_at = :now
                WHERE id = :id""")
                .bind("status", status.name())
                .bind("settle", settleDate)
                .bind("reason", returned ? null : "bank refused the refund")
                .bind("now", now)
                .bind("id", refund.id())
                .execute();
        Refund done = byId(h, refund.id());
        notifier.enqueue(h, new OutgoingNotification(done.merchantId(), PRODUCT, done.oidRefundno(), done.noRefund(),
                status.name(), done.notifyUrl(), FlatJson.write(notificationMessage(done))));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        if (returned) {
            postings.complete(h, refund.merchantId(), refund.id(), refund.moneyRefund(), refund.feeRefund(), settleDate);
        } else {
            postings.release(h, refund.merchantId(), refund.id(), refund.debit());
        }
    }

    /** The fields every refund answer carries (12 §4), in the order of the spec's sample. */
    public LinkedHashMap<String, String> describe(Refund refund, LinkedHashMap<String, String> reply) {
        reply.put("no_refund", refund.noRefund());
        reply.put("dt_refund", refund.dtRefund());
        reply.put("oid_refundno", refund.oidRefundno());
        String money = Amounts.format(refund.moneyRefund());
        reply.put("money_refund", money);
        reply.put("money_foreign_refund", money);
        reply.put("rate_id", RATE_ID);
        reply.put("rate", RATE);
        reply.put("exchange_bankcode", EXCHANGE_BANKCODE);
        reply.put("sta_refund", refund.status().staRefund());
        return reply;
    }

    /** The signed refund notification (01 §2.7, N7: with ret_code and ret_msg). */
    LinkedHashMap<String, String> notificationMessage(Refund refund) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("ret_code", RetCode.SUCCESS.code());
        fields.put("ret_msg", RetCode.SUCCESS.message());
        fields.put("oid_partner", refund.oidPartner());
        describe(refund, fields);
        fields.put("settle_date", refund.settleDate());
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    private Refund apply(Handle h, Merchant merchant, RefundRequest r) {
        Optional<Refund> existing = byNoRefund(h, merchant.id(), r.noRefund());
        if (existing.isPresent()) {
            if (!repeats(existing.get(), r)) {
                throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_refund");
            }
            return existing.get();
        }
        RefundablePayment payment = lockPayment(h, merchant.id(), r)
                .filter(p -> r.dtOrder().map(p.dtOrder()::equals).orElse(true))
                .orElseThrow(() -> Refusal.of(RetCode.ORIGINAL_NOT_FOUND));
        if (!payment.succeeded()) {
            throw Refusal.of(RetCode.ORIGINAL_NOT_SUCCESSFUL);
        }
        Instant now = clock.instant();
        Instant refundableUntil = payment.paidAt().atZone(BusinessCalendar.ZONE).plusMonths(REFUNDABLE_MONTHS).toInstant();
        if (now.isAfter(refundableUntil)) {
            throw Refusal.of(RetCode.EXPIRED);
        }
        if (r.moneyRefund() > payment.moneyOrder()) {
            throw Refusal.of(RetCode.REFUND_AMOUNT_WRONG, "money_refund");
        }
        // Refunds in every state but FAILURE count: money on its way back is money no longer refundable.
        Totals before = h.createQuery("""
                SELECT COALESCE(SUM(money_refund), 0) AS money, COALESCE(SUM(fee_refund), 0) AS fee
                FROM refund WHERE product = :product AND order_id = :order AND status <> 'FAILURE'""")
                .bind("product", payment.product())
                .bind("order", payment.orderId())
                .map((rs, ctx) -> new Totals(rs.getLong("money"), rs.getLong("fee")))
                .one();
        if (before.money() + r.moneyRefund() > payment.moneyOrder()) {
            throw Refusal.of(RetCode.REFUNDS_EXCEED_ORIGINAL, "money_refund");
        }
        long feeBack = feeBack(payment, before, r.moneyRefund());
        String oidRefundno = Paybills.next(h, now);
        long id = insert(h, merchant.id(), r, payment, oidRefundno, feeBack, now);
        RefundDebit debit;
        try {
            debit = postings.reserve(h, merchant.id(), id, r.moneyRefund(), feeBack);
        } catch (InsufficientFundsException e) {
            throw Refusal.of(RetCode.INSUFFICIENT_BALANCE);
        }
        h.createUpdate("UPDATE refund SET from_unsettled = :unsettled, from_available = :available WHERE id = :id")
                .bind("unsettled", debit.fromUnsettled())
                .bind("available", debit.fromAvailable())
                .bind("id", id)
                .execute();
        bank.submitRefund(h, new RefundInstruction(oidRefundno, payment.oidPaybill(), r.moneyRefund()));
        return byId(h, id);
    }

    private record Totals(long money, long fee) {
    }

    /**
     * The part of the payment's fee this refund gives back: pro rata, rounded half up, and whatever is left
     * with the refund that completes the payment, so the fees given back never exceed the fee taken.
     */
    private static long feeBack(RefundablePayment payment, Totals before, long moneyRefund) {
        long left = payment.fee() - before.fee();
        if (before.money() + moneyRefund == payment.moneyOrder()) {
            return left;
        }
        long share = BigDecimal.valueOf(payment.fee()).multiply(BigDecimal.valueOf(moneyRefund))
                .divide(BigDecimal.valueOf(payment.moneyOrder()), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return Math.min(share, left);
    }

    /** Whether an apply repeats the stored refund: the same payment and amount (R7). */
    private static boolean repeats(Refund refund, RefundRequest r) {
        return refund.moneyRefund() == r.moneyRefund()
                && r.noOrder().map(refund.noOrder()::equals).orElse(true)
                && r.oidPaybill().map(refund.oidPaybill()::equals).orElse(true);
    }

    private Optional<RefundablePayment> lockPayment(Handle h, long merchantId, RefundRequest r) {
        for (RefundablePayments product : products.get()) {
            Optional<RefundablePayment> payment = product.lockForRefund(h, merchantId, r.noOrder(), r.oidPaybill());
            if (payment.isPresent()) {
                return payment;
            }
        }
        return Optional.empty();
    }

    private long insert(Handle h, long merchantId, RefundRequest r, RefundablePayment p, String oidRefundno,
                        long feeBack, Instant now) {
        return h.createUpdate("""
                INSERT INTO refund (merchant_id, no_refund, dt_refund, oid_refundno, money_refund, fee_refund,
                    from_unsettled, from_available, notify_url, status, product, order_id, no_order, oid_paybill,
                    dt_order, money_order, busi_partner, pay_type, info_order, created_at, updated_at)
                VALUES (:merchant, :noRefund, :dtRefund, :oidRefundno, :money, :fee, 0, 0, :notifyUrl, 'PROCESSING',
                    :product, :orderId, :noOrder, :oidPaybill, :dtOrder, :moneyOrder, :busiPartner, :payType, :info,
                    :now, :now)""")
                .bind("merchant", merchantId)
                .bind("noRefund", r.noRefund())
                .bind("dtRefund", r.dtRefund())
                .bind("oidRefundno", oidRefundno)
                .bind("money", r.moneyRefund())
                .bind("fee", feeBack)
                .bind("notifyUrl", r.notifyUrl())
                .bind("product", p.product())
                .bind("orderId", p.orderId())
                .bind("noOrder", p.noOrder())
                .bind("oidPaybill", p.oidPaybill())
                .bind("dtOrder", p.dtOrder())
                .bind("moneyOrder", p.moneyOrder())
                .bind("busiPartner", p.busiPartner())
                .bind("payType", p.payType())
                .bind("info", p.infoOrder())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static boolean isTransient(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                && TRANSIENT_STATES.contains(sql.getSQLState());
    }

    private static Optional<Refund> byOidRefundno(Handle h, long merchantId, String oidRefundno) {
        return h.createQuery(SELECT + "WHERE r.merchant_id = :merchant AND r.oid_refundno = :oidRefundno")
                .bind("merchant", merchantId)
                .bind("oidRefundno", oidRefundno)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Optional<Refund> byNoRefund(Handle h, long merchantId, String noRefund) {
        return h.createQuery(SELECT + "WHERE r.merchant_id = :merchant AND r.no_refund = :noRefund")
                .bind("merchant", merchantId)
                .bind("noRefund", noRefund)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Refund byId(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE r.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).one();
    }

    private static Refund map(ResultSet rs) throws SQLException {
        return new Refund(
                rs.getLong("id"),
                rs.getLong("merchant_id"),
                rs.getString("oid_partner"),
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
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "completed_at"));
    }
}
