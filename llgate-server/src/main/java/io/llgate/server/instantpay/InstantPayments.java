package io.llgate.server.instantpay;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.protocol.PayeeKind;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.Payee;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.PayoutResult;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.ledger.InsufficientFundsException;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.notify.Notifier;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Paybills;
import io.llgate.server.store.Columns;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout state machine. Apply reserves the funds and either hands the payout to the bank
 * ({@code PROCESSING}) or holds it for confirmation ({@code CHECK}); bank results settle it and queue
 * the notification in the same transaction; unconfirmed orders close after the confirm window.
 */
public final class InstantPayments implements PayoutResultListener {
    private static final Logger log = LoggerFactory.getLogger(InstantPayments.class);
    static final String PRODUCT = InstantPaymentProduct.IDENTITY.name();
    /** N5: a failed payout without the merchant's own info_order carries a short reason. */
    static final String DEFAULT_FAILURE_REASON = "付款失败";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PayoutPostings postings;
    private final BankChannel bank;
    private final Notifier notifier;
    private final CardVault vault;
    private final GatewayKeys keys;
    private final InstantPaymentRules rules;
    private final SecureRandom random = new SecureRandom();

    public InstantPayments(Jdbi jdbi, Clock clock, Ledger ledger, BankChannel bank, Notifier notifier,
                           CardVault vault, GatewayKeys keys, InstantPaymentRules rules) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.postings = new PayoutPostings(ledger);
        this.bank = bank;
        this.notifier = notifier;
        this.vault = vault;
        this.keys = keys;
        this.rules = rules;
    }

    /** The answer to an apply or confirm: a return code and the order it concerns. */
    public record Outcome(RetCode code, InstantPayment order) {
    }

    /**
     * Creates the payout: 0000 with an {@code oid_paybill} when it went to the bank, or 4002/4003/4004 with
     * a confirm code when it waits in CHECK. Refusals (1002, 2005, 5006) write nothing.
     */
    public Outcome apply(Merchant merchant, PayoutApplication app) {
        String cardHash = vault.hash(app.cardNo());
        try {
            return jdbi.inTransaction(h -> {
                Optional<InstantPayment> existing = findByOrder(h, merchant.id(), app.noOrder());
                if (existing.isPresent()) {
                    throw Refusal.of(existing.get().status() == PayoutStatus.PROCESSING
                            ? RetCode.ORIGINAL_IN_PROGRESS : RetCode.DUPLICATE_ORDER);
                }
                Instant now = clock.instant();
                boolean suspectedDuplicate = suspectedDuplicate(h, merchant.id(), cardHash, app.moneyOrder(), now);
                boolean nameMismatch = bank.checkPayee(app.cardNo(), app.acctName()) == BankChannel.PayeeCheck.MISMATCH;
                RetCode check = suspectedDuplicate && nameMismatch ? RetCode.DUPLICATE_AND_MISMATCH
                        : suspectedDuplicate ? RetCode.SUSPECTED_DUPLICATE
                        : nameMismatch ? RetCode.NAME_CARD_MISMATCH
                        : null;
                long id = insert(h, merchant.id(), app, cardHash, check, now);
                try {
                    postings.reserve(h, merchant.id(), id, app.moneyOrder());
                } catch (InsufficientFundsException e) {
                    throw Refusal.of(RetCode.INSUFFICIENT_BALANCE);
                }
                if (check == null) {
                    startPayout(h, id, app.cardNo(), app.acctName(), app.payee(), app.moneyOrder(), app.notifyUrl(), now);
                    return new Outcome(RetCode.SUCCESS, findById(h, id).orElseThrow());
                }
                return new Outcome(check, findById(h, id).orElseThrow());
            });
        } catch (UnableToExecuteStatementException e) {
            // Two applies with the same no_order raced: the unique constraint let one through.
            if (find(merchant.id(), app.noOrder(), null).isPresent()) {
                throw Refusal.of(RetCode.DUPLICATE_ORDER);
            }
            throw e;
        }
    }

    /**
     * Confirms an order held in CHECK. A wrong code answers 4011 and counts; past the allowed number the
     * order closes with 4008. An order not in CHECK, unknown, or past its window answers 4001.
     */
    public Outcome confirm(Merchant merchant, String noOrder, String confirmCode, String notifyUrl) {
        return jdbi.inTransaction(h -> {
            Optional<InstantPayment> found = lockByOrder(h, merchant.id(), noOrder);
            if (found.isEmpty() || found.get().status() != PayoutStatus.CHECK) {
                return new Outcome(RetCode.ORDER_NOT_CONFIRMABLE, found.orElse(null));
            }
            InstantPayment order = found.get();
            Instant now = clock.instant();
            if (!now.isBefore(order.checkExpiresAt())) {
                close(h, order, now);
                return new Outcome(RetCode.ORDER_NOT_CONFIRMABLE, findById(h, order.id()).orElseThrow());
            }
            if (!constantTimeEquals(order.confirmCode(), confirmCode)) {
                int failures = order.confirmFailures() + 1;
                h.createUpdate("UPDATE instant_payment SET confirm_failures = :failures, updated_at = :now WHERE id = :id")
                        .bind("failures", failures).bind("now", now).bind("id", order.id()).execute();
                if (failures > rules.maxConfirmFailures()) {
                    close(h, order, now);
                    return new Outcome(RetCode.CONFIRM_CODE_TOO_MANY, findById(h, order.id()).orElseThrow());
                }
                return new Outcome(RetCode.CONFIRM_CODE_MISMATCH, order);
            }
            // The payee as stored at apply: an order written before flag_card 1 meant corporate keeps its kind.
            startPayout(h, order.id(), vault.open(order.cardSealed()), vault.open(order.acctNameSealed()),
                    order.payee(), order.moneyOrder(), notifyUrl, now);
            return new Outcome(RetCode.SUCCESS, findById(h, order.id()).orElseThrow());
        });
    }

    /** Finds an order by {@code no_order} and/or {@code oid_paybill}; 9092 if both are given and disagree. */
    public Optional<InstantPayment> find(long merchantId, String noOrder, String oidPaybill) {
        return jdbi.withHandle(h -> {
            Optional<InstantPayment> byOrder = noOrder == null ? Optional.empty() : findByOrder(h, merchantId, noOrder);
            if (oidPaybill == null) {
                return byOrder;
            }
            Optional<InstantPayment> byPaybill = h.createQuery(
                            "SELECT * FROM instant_payment WHERE merchant_id = :merchant AND oid_paybill = :paybill")
                    .bind("merchant", merchantId)
                    .bind("paybill", oidPaybill)
                    .map((rs, ctx) -> map(rs))
                    .findOne();
            if (noOrder == null || byOrder.isEmpty() && byPaybill.isEmpty()) {
                return byPaybill;
            }
            if (byOrder.isPresent() && byPaybill.isPresent() && byOrder.get().id() == byPaybill.get().id()) {
                return byOrder;
            }
            throw Refusal.of(RetCode.PAYBILL_ORDER_MISMATCH);
        });
    }

    /** Closes every CHECK order whose confirm window has passed and releases its funds. */
    public int closeExpiredChecks() {
        Instant now = clock.instant();
        List<Long> expired = jdbi.withHandle(h -> h.createQuery("""
                SELECT id FROM instant_payment WHERE status = 'CHECK' AND check_expires_at <= :now""")
                .bind("now", now)
                .mapTo(Long.class)
                .list());
        int closed = 0;
        for (long id : expired) {
            closed += jdbi.inTransaction(h -> {
                Optional<InstantPayment> order = h.createQuery("""
                        SELECT p.* FROM instant_payment p
                        WHERE p.id = :id AND p.status = 'CHECK' AND p.check_expires_at <= :now FOR UPDATE SKIP LOCKED""")
                        .bind("id", id)
                        .bind("now", now)
                        .map((rs, ctx) -> map(rs))
                        .findOne();
                if (order.isEmpty()) {
                    return 0;
                }
                close(h, order.get(), now);
                return 1;
            });
        }
        return closed;
    }

    @Override
    public void onPayoutResult(Handle h, String oidPaybill, PayoutResult result) {
        Optional<InstantPayment> found = h.createQuery("SELECT * FROM instant_payment WHERE oid_paybill = :paybill FOR UPDATE")
                .bind("paybill", oidPaybill)
                .map((rs, ctx) -> map(rs))
                .findOne();
        if (found.isEmpty()) {
            log.warn("bank result {} for unknown payout {}", result, oidPaybill);
            return;
        }
        InstantPayment order = found.get();
        String oidPartner = oidPartnerOf(h, order.merchantId());
        Instant now = clock.instant();
        // A bank reverses only a paid payout, and answers only one still in flight; anything else is a repeat.
        PayoutStatus answerable = result == PayoutResult.REVERSED ? PayoutStatus.SUCCESS : PayoutStatus.PROCESSING;
        if (order.status() != answerable) {
            return;
        }
        Runnable posting = switch (result) {
            case SUCCESS -> {
                setStatus(h, order.id(), PayoutStatus.SUCCESS, ledger.calendar().settleDate(now), null, now);
                // The payout files list it at this time, whatever happens to it later.
                h.createUpdate("UPDATE instant_payment SET paid_at = :now WHERE id = :id")
                        .bind("now", now)
                        .bind("id", order.id())
                        .execute();
                yield () -> postings.complete(h, order.merchantId(), order.id(), order.moneyOrder());
            }
            case FAILURE -> {
                setStatus(h, order.id(), PayoutStatus.FAILURE, null, DEFAULT_FAILURE_REASON, now);
                yield () -> postings.release(h, order.merchantId(), order.id(), order.moneyOrder());
            }
            case REVERSED -> {
                setStatus(h, order.id(), PayoutStatus.CANCEL, order.settleDate(), null, now);
                yield () -> postings.reverse(h, order.merchantId(), order.id(), order.moneyOrder());
            }
        };
        InstantPayment settled = findById(h, order.id()).orElseThrow();
        notifier.enqueue(h, new OutgoingNotification(order.merchantId(), PRODUCT, settled.oidPaybill(), settled.noOrder(),
                settled.status().name(), settled.notifyUrl(), notificationBody(oidPartner, settled)));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        posting.run();
    }

    /** The asynchronous notification of 01 §2.1: exactly its fields, all strings, none empty, signed. */
    String notificationBody(String oidPartner, InstantPayment order) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", oidPartner);
        fields.put("no_order", order.noOrder());
        fields.put("dt_order", order.dtOrder());
        fields.put("oid_paybill", order.oidPaybill());
        fields.put("money_order", Amounts.format(order.moneyOrder()));
        fields.put("result_pay", order.status().name());
        if (order.status() == PayoutStatus.SUCCESS) {
            fields.put("settle_date", order.settleDate());
        }
        String info = order.infoOrder();
        if ((info == null || info.isEmpty()) && order.status() == PayoutStatus.FAILURE) {
            info = order.failureReason();
        }
        fields.put("info_order", info);
        return FlatJson.write(MessageSignature.sign(keys.privateKey(), SignType.RSA, fields));
    }

    private void startPayout(Handle h, long id, String cardNo, String acctName, Payee payee, long amount,
                             String notifyUrl, Instant now) {
        String oidPaybill = Paybills.next(h, now);
        h.createUpdate("""
                UPDATE instant_payment SET oid_paybill = :paybill, status = 'PROCESSING', notify_url = :url,
                       confirm_code = NULL, check_expires_at = NULL, updated_at = :now
                WHERE id = :id""")
                .bind("paybill", oidPaybill)
                .bind("url", notifyUrl)
                .bind("now", now)
                .bind("id", id)
                .execute();
        bank.submitPayout(h, new PayoutInstruction(oidPaybill, cardNo, acctName, payee, amount));
    }

    private void close(Handle h, InstantPayment order, Instant now) {
        postings.release(h, order.merchantId(), order.id(), order.moneyOrder());
        setStatus(h, order.id(), PayoutStatus.CLOSED, null, null, now);
    }

    private boolean suspectedDuplicate(Handle h, long merchantId, String cardHash, long amount, Instant now) {
        return h.createQuery("""
                SELECT COUNT(*) FROM instant_payment
                WHERE merchant_id = :merchant AND card_hash = :card AND created_at > :since
                  AND status IN ('SUCCESS', 'PROCESSING', 'CHECK')""" + (rules.duplicateNeedsSameAmount()
                        ? " AND money_order = :amount" : ""))
                .bind("merchant", merchantId)
                .bind("card", cardHash)
                .bind("since", now.minus(rules.duplicateWindow()))
                .bind("amount", amount)
                .mapTo(Long.class)
                .one() > 0;
    }

    private long insert(Handle h, long merchantId, PayoutApplication app, String cardHash, RetCode check, Instant now) {
        return h.createUpdate("""
                INSERT INTO instant_payment (merchant_id, no_order, dt_order, money_order, flag_card, payee_kind, card_hash,
                    card_mask, card_sealed, acct_name_sealed, bank_code, prcptcd, city_code, brabank_name, info_order, memo,
                    notify_url, api_version, status, check_code, confirm_code, confirm_failures, check_expires_at,
                    created_at, updated_at)
                VALUES (:merchant, :noOrder, :dtOrder, :money, :flagCard, :payeeKind, :cardHash, :cardMask, :cardSealed,
                    :nameSealed, :bankCode, :prcptcd, :cityCode, :brabankName, :info, :memo, :url, :apiVersion, :status,
                    :checkCode, :confirmCode, 0, :expires, :now, :now)""")
                .bind("merchant", merchantId)
                .bind("noOrder", app.noOrder())
                .bind("dtOrder", app.dtOrder())
                .bind("money", app.moneyOrder())
                .bind("flagCard", app.flagCard())
                .bind("cardHash", cardHash)
                .bind("cardMask", CardVault.mask(app.cardNo()))
                .bind("cardSealed", vault.seal(app.cardNo()))
                .bind("nameSealed", vault.seal(app.acctName()))
                .bind("payeeKind", app.payee().kind().name())
                .bind("bankCode", app.payee().bankCode())
                .bind("prcptcd", app.payee().prcptcd())
                .bind("cityCode", app.payee().cityCode())
                .bind("brabankName", app.payee().brabankName())
                .bind("info", app.infoOrder())
                .bind("memo", app.memo())
                .bind("url", app.notifyUrl())
                .bind("apiVersion", app.apiVersion())
                .bind("status", (check == null ? PayoutStatus.PROCESSING : PayoutStatus.CHECK).name())
                .bind("checkCode", check == null ? null : check.code())
                .bind("confirmCode", check == null ? null : String.format("%06d", random.nextInt(1_000_000)))
                .bind("expires", check == null ? null : now.plus(rules.confirmWindow()))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static void setStatus(Handle h, long id, PayoutStatus status, String settleDate, String failureReason,
                                  Instant now) {
        h.createUpdate("""
                UPDATE instant_payment SET status = :status, settle_date = :settle, failure_reason = :reason,
                       confirm_code = NULL, updated_at = :now
                WHERE id = :id""")
                .bind("status", status.name())
                .bind("settle", settleDate)
                .bind("reason", failureReason)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    private static String oidPartnerOf(Handle h, long merchantId) {
        return h.createQuery("SELECT oid_partner FROM merchant WHERE id = :id").bind("id", merchantId)
                .mapTo(String.class).one();
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<InstantPayment> findByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery("SELECT * FROM instant_payment WHERE merchant_id = :merchant AND no_order = :noOrder")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Optional<InstantPayment> lockByOrder(Handle h, long merchantId, String noOrder) {
        return h.createQuery(
                        "SELECT * FROM instant_payment WHERE merchant_id = :merchant AND no_order = :noOrder FOR UPDATE")
                .bind("merchant", merchantId)
                .bind("noOrder", noOrder)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Optional<InstantPayment> findById(Handle h, long id) {
        return h.createQuery("SELECT * FROM instant_payment WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
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
