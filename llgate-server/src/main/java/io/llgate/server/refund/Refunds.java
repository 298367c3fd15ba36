package io.llgate.server.refund;

import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.RefundInstruction;
import io.llgate.server.bank.RefundResultListener;
import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.InsufficientFundsException;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.Notifier;
import io.llgate.server.store.Conflicts;
import io.llgate.server.store.Paybills;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds: apply checks the payment and every earlier refund of it under the payment's row lock, holds the
 * merchant's share (unsettled first, then available) and hands the refund to the bank. The bank's answer finishes
 * it, the money leaving for the payer or the hold going back, and queues its notification in the same transaction.
 * The moves between states are {@link RefundStatus}'s. A payment priced in another currency than CNY is refunded
 * in that currency ({@code money_refund} is read in it), from the merchant's balance in it, and the payer gets yuan
 * back at the payment's own rate.
 */
public final class Refunds implements RefundResultListener {
    private static final Logger log = LoggerFactory.getLogger(Refunds.class);
    /** R9: refunds are possible for six calendar months after the payment. */
    static final int REFUNDABLE_MONTHS = 6;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final RefundStore store;
    private final RefundPostings postings;
    private final RefundMessages messages;
    private final BankChannel bank;
    private final Notifier notifier;
    private final Merchants merchants;
    private final Supplier<List<RefundablePayments>> payments;

    Refunds(Jdbi jdbi, Clock clock, Ledger ledger, BankChannel bank, Notifier notifier, Merchants merchants,
            RefundStore store, RefundMessages messages, Supplier<List<RefundablePayments>> payments) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.store = store;
        this.postings = new RefundPostings(ledger);
        this.messages = messages;
        this.bank = bank;
        this.notifier = notifier;
        this.merchants = merchants;
        this.payments = payments;
    }

    /**
     * Applies for a refund, or returns the refund an identical earlier apply with the same {@code no_refund}
     * made (R7). Every refusal is an {@link Refusal} and writes nothing.
     */
    public Refund apply(MerchantRef merchant, RefundRequest request) {
        try {
            return applyOnce(merchant, request);
        } catch (RuntimeException e) {
            if (!Conflicts.isTransient(e)) {
                throw e;
            }
            // The database chose this transaction to lose a lock race: once more, and it will likely win.
            log.info("refund {} of {} is retried after {}", request.noRefund(), merchant.oidPartner(), e.getMessage());
        }
        try {
            return applyOnce(merchant, request);
        } catch (RuntimeException again) {
            if (Conflicts.isTransient(again)) {
                // Lost twice: 5005 tells the merchant to try again.
                throw Refusal.of(RetCode.REFUND_FAILED_RETRY);
            }
            throw again;
        }
    }

    /**
     * One apply. When two applies with one {@code no_refund} race, the unique constraint stops the later one; it is
     * made again, and then finds the winner's refund and answers as a repeat would.
     */
    private Refund applyOnce(MerchantRef merchant, RefundRequest request) {
        return Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> apply(h, merchant, request)),
                () -> jdbi.inTransaction(h -> apply(h, merchant, request)));
    }

    /**
     * A merchant's refund named by {@code no_refund}, by {@code oid_refundno}, or by both (12 §5): with both, each
     * is looked up on its own and they must find the same refund, else nothing is found. An {@code oid_refundno}
     * of another merchant's refund finds nothing.
     */
    public Optional<Refund> find(long merchantId, Optional<String> noRefund, Optional<String> oidRefundno) {
        return jdbi.withHandle(h -> {
            Optional<Refund> byNumber = noRefund.flatMap(n -> store.byNoRefund(h, merchantId, n));
            Optional<Refund> byOid = oidRefundno.flatMap(n -> store.byOidRefundno(h, merchantId, n));
            if (noRefund.isPresent() && oidRefundno.isPresent()) {
                return byNumber.filter(found -> byOid.map(other -> other.id() == found.id()).orElse(false));
            }
            return byNumber.or(() -> byOid);
        });
    }

    /** A merchant's refunds of one payment, named by its {@code oid_paybill}, oldest first. */
    public List<Refund> ofPayment(String oidPartner, String oidPaybill) {
        return jdbi.withHandle(h -> merchants.idOf(h, oidPartner)
                .map(merchant -> store.ofPayment(h, merchant, oidPaybill))
                .orElse(List.of()));
    }

    /** Refunds whose {@code oid_refundno} or {@code no_refund} is {@code reference}, of one merchant when given. */
    public List<Refund> byReference(String reference, Optional<String> oidPartner) {
        return jdbi.withHandle(h -> {
            if (oidPartner.isEmpty()) {
                return store.byReference(h, reference, Optional.empty());
            }
            return merchants.idOf(h, oidPartner.get())
                    .map(merchant -> store.byReference(h, reference, Optional.of(merchant)))
                    .orElse(List.of());
        });
    }

    /** The bank's answer: the refund is finished, and its notification queued, in the bank's transaction. */
    @Override
    public void onRefundResult(Handle h, String reference, boolean returned) {
        Optional<Refund> found = store.lockByOidRefundno(h, reference);
        if (found.isEmpty()) {
            log.warn("bank answer for unknown refund {}", reference);
            return;
        }
        Refund refund = found.get();
        RefundStatus outcome = returned ? RefundStatus.SUCCESS : RefundStatus.FAILURE;
        if (!refund.status().canMoveTo(outcome)) {
            // The bank repeated an answer already recorded.
            return;
        }
        Instant now = clock.instant();
        String settleDate = ledger.calendar().settleDate(now);
        store.move(h, refund, outcome, settleDate, returned ? null : "bank refused the refund", now);
        Refund done = store.byId(h, refund.id());
        notifier.enqueue(h, messages.notification(done, merchants.ref(h, done.merchantId())));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        if (returned) {
            long refunded = store.totalsOf(h, refund.product(), refund.orderId(), RefundStatus.FAILURE).money();
            payments.get().forEach(p -> p.refunded(h, refund.product(), refund.orderId(), refunded));
            postings.complete(h, refund.merchantId(), refund.id(), Money.of(refund.moneyRefund(), refund.currency()),
                    Money.of(refund.feeRefund(), refund.currency()), Money.cny(refund.moneyPay()), settleDate);
        } else {
            postings.release(h, refund.merchantId(), refund.id(), refund.debit(), refund.currency());
        }
    }

    private Refund apply(Handle h, MerchantRef merchant, RefundRequest r) {
        Optional<Refund> existing = store.byNoRefund(h, merchant.id(), r.noRefund());
        if (existing.isPresent()) {
            if (!repeats(existing.get(), r)) {
                throw Refusal.of(RetCode.DUPLICATE_ORDER, Fields.NO_REFUND);
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
        // money_refund is read in the order's currency; a currency without a fraction refunds whole units only (X10).
        if (r.moneyRefund() > payment.moneyOrder() || !Currencies.holds(payment.currency(), r.moneyRefund())) {
            throw Refusal.of(RetCode.REFUND_AMOUNT_WRONG, Fields.MONEY_REFUND);
        }
        // Refunds in every state but FAILURE count: money on its way back is money no longer refundable.
        RefundStore.Totals before = store.totalsOf(h, payment.product(), payment.orderId(), RefundStatus.FAILURE);
        if (before.money() + r.moneyRefund() > payment.moneyOrder()) {
            throw Refusal.of(RetCode.REFUNDS_EXCEED_ORIGINAL, Fields.MONEY_REFUND);
        }
        long feeBack = feeBack(payment, before, r.moneyRefund());
        Money paidBack = paidBack(payment, before, r.moneyRefund());
        String oidRefundno = Paybills.next(h, now);
        long id = store.insert(h, merchant.id(), r, payment, oidRefundno, feeBack, paidBack, now);
        RefundDebit debit;
        try {
            debit = postings.reserve(h, merchant.id(), id, Money.of(r.moneyRefund(), payment.currency()),
                    Money.of(feeBack, payment.currency()));
        } catch (InsufficientFundsException e) {
            throw Refusal.of(RetCode.INSUFFICIENT_BALANCE);
        }
        store.recordDebit(h, id, debit);
        // The payer's bank returns yuan: what the payer paid for this part of the order.
        bank.submitRefund(h, new RefundInstruction(oidRefundno, payment.oidPaybill(), paidBack.minor()));
        return store.byId(h, id);
    }

    /**
     * The part of the payment's fee this refund gives back: pro rata, rounded half up, and whatever is left
     * with the refund that completes the payment, so the fees given back never exceed the fee taken.
     */
    private static long feeBack(RefundablePayment payment, RefundStore.Totals before, long moneyRefund) {
        long left = payment.fee() - before.fee();
        if (before.money() + moneyRefund == payment.moneyOrder()) {
            return left;
        }
        // Rounded to what the currency holds: to the hundredth (scale 0), or to the whole yen (scale -2) for JPY.
        int scale = Currencies.holds(payment.currency(), 1) ? 0 : -2;
        long share = BigDecimal.valueOf(payment.fee()).multiply(BigDecimal.valueOf(moneyRefund))
                .divide(BigDecimal.valueOf(payment.moneyOrder()), scale, RoundingMode.HALF_UP)
                .setScale(0, RoundingMode.UNNECESSARY)
                .longValueExact();
        return Math.min(share, left);
    }

    /**
     * The yuan the payer gets back: the refund at the payment's own rate, rounded half up as the payment was (X2),
     * and whatever the payer paid that is left with the refund that completes the payment, so the yuan returned never
     * exceed the yuan paid. A CNY payment returns the refund itself.
     */
    private static Money paidBack(RefundablePayment payment, RefundStore.Totals before, long moneyRefund) {
        if (!payment.foreign()) {
            return Money.cny(moneyRefund);
        }
        ExchangeRate rate = payment.rate();
        long paid = rate.toCny(Money.of(payment.moneyOrder(), payment.currency())).minor();
        long left = Math.max(0, paid - before.moneyPay());
        if (before.money() + moneyRefund == payment.moneyOrder()) {
            return Money.cny(left);
        }
        return Money.cny(Math.min(rate.toCny(Money.of(moneyRefund, payment.currency())).minor(), left));
    }

    /** Whether an apply repeats the stored refund: the same payment and amount (R7). */
    private static boolean repeats(Refund refund, RefundRequest r) {
        return refund.moneyRefund() == r.moneyRefund()
                && r.noOrder().map(refund.noOrder()::equals).orElse(true)
                && r.oidPaybill().map(refund.oidPaybill()::equals).orElse(true);
    }

    /** The payment of whichever product knows it, through the products' refundable-payments port. */
    private Optional<RefundablePayment> lockPayment(Handle h, long merchantId, RefundRequest r) {
        if (r.noOrder().isEmpty() && r.oidPaybill().isEmpty()) {
            return Optional.empty();
        }
        OrderLookup lookup = new OrderLookup(r.noOrder(), r.oidPaybill());
        for (RefundablePayments product : payments.get()) {
            Optional<RefundablePayment> payment = lookup.pick(product.lockNamed(h, merchantId, lookup),
                    RefundablePayment::noOrder, RefundablePayment::oidPaybill);
            if (payment.isPresent()) {
                return payment;
            }
        }
        return Optional.empty();
    }
}
