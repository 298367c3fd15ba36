package io.llgate.server.instantpay;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.Payee;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.PayoutResult;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.ledger.InsufficientFundsException;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.Notifier;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Conflicts;
import io.llgate.server.store.Paybills;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout service. Apply reserves the funds and either hands the payout to the bank ({@code PROCESSING}) or
 * holds it for confirmation ({@code CHECK}); bank results settle it and queue the notification in the same
 * transaction; unconfirmed orders close after the confirm window. The moves themselves are {@link PayoutStatus}'s.
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
    private final InstantPaymentStore store = new InstantPaymentStore();
    private final PayoutMessages messages;
    private final Merchants merchants;
    private final BankChannel bank;
    private final Notifier notifier;
    private final CardVault vault;
    private final InstantPaymentRules rules;
    private final SecureRandom random = new SecureRandom();

    public InstantPayments(Jdbi jdbi, Clock clock, Ledger ledger, Merchants merchants, BankChannel bank,
                           Notifier notifier, CardVault vault, GatewayKeys keys, InstantPaymentRules rules) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.postings = new PayoutPostings(ledger);
        this.messages = new PayoutMessages(keys);
        this.merchants = merchants;
        this.bank = bank;
        this.notifier = notifier;
        this.vault = vault;
        this.rules = rules;
    }

    /** The answer to an apply or confirm: a return code and the order it concerns. */
    public record Outcome(RetCode code, InstantPayment order) {
    }

    /**
     * Creates the payout: 0000 with an {@code oid_paybill} when it went to the bank, or 4002/4003/4004 with
     * a confirm code when it waits in CHECK. Refusals (1002, 2005, 5006) write nothing.
     */
    public Outcome apply(MerchantRef merchant, PayoutApplication app) {
        InstantPaymentStore.SealedCard card = new InstantPaymentStore.SealedCard(vault.hash(app.cardNo()),
                CardVault.mask(app.cardNo()), vault.seal(app.cardNo()), vault.seal(app.acctName()));
        return Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> apply(h, merchant, app, card)),
                // Two applies with the same no_order raced: the unique constraint let one through.
                () -> {
                    if (jdbi.withHandle(h -> store.findByOrder(h, merchant.id(), app.noOrder())).isEmpty()) {
                        throw new IllegalStateException("a unique violation, but no payout " + app.noOrder());
                    }
                    throw Refusal.of(RetCode.DUPLICATE_ORDER);
                });
    }

    private Outcome apply(Handle h, MerchantRef merchant, PayoutApplication app, InstantPaymentStore.SealedCard card) {
        Optional<InstantPayment> existing = store.findByOrder(h, merchant.id(), app.noOrder());
        if (existing.isPresent()) {
            throw Refusal.of(existing.get().status() == PayoutStatus.PROCESSING
                    ? RetCode.ORIGINAL_IN_PROGRESS : RetCode.DUPLICATE_ORDER);
        }
        Instant now = clock.instant();
        boolean suspectedDuplicate = store.hasLivePayoutToCard(h, merchant.id(), card.hash(), app.moneyOrder(),
                now.minus(rules.duplicateWindow()), rules.duplicateNeedsSameAmount());
        boolean nameMismatch = bank.checkPayee(app.cardNo(), app.acctName()) == BankChannel.PayeeCheck.MISMATCH;
        RetCode check = suspectedDuplicate && nameMismatch ? RetCode.DUPLICATE_AND_MISMATCH
                : suspectedDuplicate ? RetCode.SUSPECTED_DUPLICATE
                : nameMismatch ? RetCode.NAME_CARD_MISMATCH
                : null;
        Optional<InstantPaymentStore.Hold> hold = Optional.ofNullable(check).map(c -> new InstantPaymentStore.Hold(
                c, String.format("%06d", random.nextInt(1_000_000)), now.plus(rules.confirmWindow())));
        // A payout that needs no confirmation is numbered and handed to the bank as it is written.
        Optional<String> oidPaybill = hold.isEmpty() ? Optional.of(Paybills.next(h, now)) : Optional.empty();
        InstantPayment order = store.insert(h, merchant.id(), app, card, hold, oidPaybill, now);
        oidPaybill.ifPresent(paybill -> bank.submitPayout(h, new PayoutInstruction(paybill, app.cardNo(),
                app.acctName(), app.payee(), app.moneyOrder())));
        // Last: the merchant's ledger rows are the most contended locks and are held until commit. Short of funds,
        // the refusal rolls back the order and the transfer with it.
        try {
            postings.reserve(h, merchant.id(), order.id(), app.moneyOrder());
        } catch (InsufficientFundsException e) {
            throw Refusal.of(RetCode.INSUFFICIENT_BALANCE);
        }
        return new Outcome(check == null ? RetCode.SUCCESS : check, order);
    }

    /**
     * Confirms an order held in CHECK. A wrong code answers 4011 and counts; past the allowed number the
     * order closes with 4008. An order not in CHECK, unknown, or past its window answers 4001.
     */
    public Outcome confirm(MerchantRef merchant, String noOrder, String confirmCode, String notifyUrl) {
        return jdbi.inTransaction(h -> {
            Optional<InstantPayment> found = store.lockByOrder(h, merchant.id(), noOrder);
            if (found.isEmpty() || found.get().status() != PayoutStatus.CHECK) {
                return new Outcome(RetCode.ORDER_NOT_CONFIRMABLE, found.orElse(null));
            }
            InstantPayment order = found.get();
            Instant now = clock.instant();
            if (!now.isBefore(order.checkExpiresAt())) {
                close(h, order, now);
                return new Outcome(RetCode.ORDER_NOT_CONFIRMABLE, store.findById(h, order.id()).orElseThrow());
            }
            if (!constantTimeEquals(order.confirmCode(), confirmCode)) {
                int failures = order.confirmFailures() + 1;
                store.recordConfirmFailures(h, order.id(), failures, now);
                if (failures > rules.maxConfirmFailures()) {
                    close(h, order, now);
                    return new Outcome(RetCode.CONFIRM_CODE_TOO_MANY, store.findById(h, order.id()).orElseThrow());
                }
                return new Outcome(RetCode.CONFIRM_CODE_MISMATCH, order);
            }
            store.move(h, order, PayoutStatus.PROCESSING, null, null, now);
            // The payee as stored at apply: an order written before flag_card 1 meant corporate keeps its kind.
            handToBank(h, order.id(), vault.open(order.cardSealed()), vault.open(order.acctNameSealed()),
                    order.payee(), order.moneyOrder(), notifyUrl, now);
            return new Outcome(RetCode.SUCCESS, store.findById(h, order.id()).orElseThrow());
        });
    }

    /** The merchant's order the lookup names; 9092 if both numbers are given and disagree. */
    public Optional<InstantPayment> find(MerchantRef merchant, OrderLookup lookup) {
        return jdbi.inTransaction(h -> store.find(h, merchant.id(), lookup));
    }

    /**
     * Closes every CHECK order whose confirm window has passed and releases its funds, each order in a
     * transaction of its own so a long list holds no lock for long; one another node holds is left to it.
     */
    public int closeExpiredChecks() {
        Instant now = clock.instant();
        List<Long> expired = jdbi.withHandle(h -> store.expiredChecks(h, now));
        int closed = 0;
        for (long id : expired) {
            closed += jdbi.inTransaction(h -> store.lockExpiredCheck(h, id, now)
                    .map(order -> {
                        close(h, order, now);
                        return 1;
                    })
                    .orElse(0));
        }
        return closed;
    }

    @Override
    public void onPayoutResult(Handle h, String oidPaybill, PayoutResult result) {
        Optional<InstantPayment> found = store.lockByPaybill(h, oidPaybill);
        if (found.isEmpty()) {
            log.warn("bank result {} for unknown payout {}", result, oidPaybill);
            return;
        }
        InstantPayment order = found.get();
        PayoutStatus to = switch (result) {
            case SUCCESS -> PayoutStatus.SUCCESS;
            case FAILURE -> PayoutStatus.FAILURE;
            case REVERSED -> PayoutStatus.CANCEL;
        };
        // A bank reverses only a paid payout, and answers only one still in flight; anything else is a repeat.
        if (!order.status().canMoveTo(to)) {
            return;
        }
        MerchantRef merchant = merchants.ref(h, order.merchantId());
        Instant now = clock.instant();
        InstantPayment settled = switch (to) {
            case SUCCESS -> store.move(h, order, to, ledger.calendar().settleDate(now), null, now);
            case FAILURE -> store.move(h, order, to, null, DEFAULT_FAILURE_REASON, now);
            // A reversal keeps the settle_date of the payment it returns.
            case CANCEL -> store.move(h, order, to, order.settleDate(), null, now);
            default -> throw new IllegalStateException("no bank result moves a payout to " + to);
        };
        Runnable posting = switch (to) {
            case SUCCESS -> () -> postings.complete(h, merchant.id(), order.id(), order.moneyOrder());
            case FAILURE -> () -> postings.release(h, merchant.id(), order.id(), order.moneyOrder());
            default -> () -> postings.reverse(h, merchant.id(), order.id(), order.moneyOrder());
        };
        notifier.enqueue(h, new OutgoingNotification(merchant.id(), PRODUCT, settled.oidPaybill(), settled.noOrder(),
                settled.status().name(), settled.notifyUrl(), messages.notification(merchant.oidPartner(), settled)));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        posting.run();
    }

    /** Numbers the payout, records it as handed over, and hands it to the bank in the caller's transaction. */
    private void handToBank(Handle h, long id, String cardNo, String acctName, Payee payee, long amount,
                            String notifyUrl, Instant now) {
        String oidPaybill = Paybills.next(h, now);
        store.recordHandOver(h, id, oidPaybill, notifyUrl, now);
        bank.submitPayout(h, new PayoutInstruction(oidPaybill, cardNo, acctName, payee, amount));
    }

    /** Closes a held order and gives its reserve back; the status first, the contended ledger rows last. */
    private void close(Handle h, InstantPayment order, Instant now) {
        store.move(h, order, PayoutStatus.CLOSED, null, null, now);
        postings.release(h, order.merchantId(), order.id(), order.moneyOrder());
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
