package io.llgate.server.easypay;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardCharge;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.card.AgreementOwner;
import io.llgate.server.card.Agreements;
import io.llgate.server.card.CardCharging;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.PayingCards;
import io.llgate.server.card.PayingCards.PayingCard;
import io.llgate.server.card.SmsCodes;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.Notifier;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.store.Conflicts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The easypay service (20 §1c). Apply checks the card with its issuer, creates the order and texts the payer a code;
 * verify checks the code and charges the card through the card products' shared {@link CardCharging} steps: the
 * order moves to PROCESSING and commits (so a second verify, or a second apply, finds it charging and charges
 * nothing), the issuer is asked, and its answer is written: paid (the card bound, the merchant's unsettled balance
 * credited, the notification queued), declined, or still pending until the issuer's late answer. A merchant without
 * SMS verification is charged at apply. Each public method holds no lock across the call to the issuer.
 */
public final class EasypayPayments implements RefundablePayments, QueriedOrders, CardIssuerListener {
    static final String PRODUCT = EasypayProduct.IDENTITY.name();
    /** What the SMS codes of easypay orders confirm. */
    static final String SMS_PURPOSE = "easypay";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Notifier notifier;
    private final Merchants merchants;
    private final PayingCards cards;
    private final CardCharging<EasypayOrder> charges;
    private final SmsCodes smsCodes;
    private final Agreements agreements;
    private final HolderSeal seal;
    private final EasypayMessages messages;
    private final Supplier<Optional<PreAuthorizations>> preAuthorizations;
    private final EasypayStore store = new EasypayStore();

    EasypayPayments(Jdbi jdbi, Clock clock, Ledger ledger, Notifier notifier, Merchants merchants, CardIssuer issuer,
                    SmsCodes smsCodes, Agreements agreements, HolderSeal seal, EasypayMessages messages,
                    Supplier<Optional<PreAuthorizations>> preAuthorizations) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = new PaymentReceipts(ledger);
        this.notifier = notifier;
        this.merchants = merchants;
        this.cards = new PayingCards(jdbi, issuer, agreements, clock);
        this.charges = new CardCharging<>(jdbi, clock, issuer, store, this::pay);
        this.smsCodes = smsCodes;
        this.agreements = agreements;
        this.seal = seal;
        this.messages = messages;
        this.preAuthorizations = preAuthorizations;
    }

    EasypayStore store() {
        return store;
    }

    EasypayMessages messages() {
        return messages;
    }

    /** An order as an apply or a verify leaves it, and whether a repeated apply texted a new code. */
    record Outcome(EasypayOrder order, boolean resent) {
    }

    /**
     * Applies for a payment (§6). Refused before anything is written: the card's checks (1004, 1102 unknown issuer,
     * 9907 bank_code of another bank, 5601 pre-authorization on a debit card, 1101–1115 from its issuer), the binding
     * (3003, 3011), another person's card for the user (7018). A repeat of a no_order: 2007 paid, 2008 charging,
     * 2006 closed, 1002 failed or different; a waiting order of the same amount texts a new code (8888).
     */
    public Outcome apply(Merchant merchant, EasypayApplication a) {
        AgreementOwner owner = new AgreementOwner(merchant.id(), a.platform().orElse(null));
        // E6: with no_agree, the binding's elements stand in for the card's.
        PayingCard card = a.noAgree().isPresent()
                ? cards.bound(owner, a.userId(), a.noAgree().orElseThrow(), issued -> requireFits(a, issued))
                : cards.newCard(owner, a.userId(), a.card().orElseThrow(() -> Refusal.badField("card_no")),
                        issued -> requireFits(a, issued));
        boolean sms = merchant.cardSmsVerification();
        Outcome applied = Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> store.lockByOrder(h, merchant.id(), a.noOrder())
                        .map(existing -> repeat(h, merchant, existing, a))
                        .orElseGet(() -> create(h, merchant, a, card, sms))),
                () -> jdbi.inTransaction(h -> repeat(h, merchant, store.lockByOrder(h, merchant.id(), a.noOrder())
                        .orElseThrow(() -> new IllegalStateException("the order that won the race is gone")), a)));
        if (applied.order().status() == EasypayStatus.PROCESSING && !applied.resent()) {
            return new Outcome(charge(applied.order()), false);
        }
        return applied;
    }

    /**
     * Verifies the payer's code and charges the card (§7). Refused: 1000 for a token that is not this order's; 1004
     * for a dt_order or money_order that is not the order's; 2007 paid, 2008 charging, 1005 failed, 2006 closed;
     * the code's refusals (1900, 1901, 9702), whose tries count. A declined charge answers the issuer's code.
     */
    public Outcome verify(Merchant merchant, String noOrder, String token, Optional<String> dtOrder, long moneyOrder,
                          String verifyCode) {
        record Checked(EasypayOrder order, RetCode refusal) {
        }
        Checked checked = jdbi.inTransaction(h -> {
            EasypayOrder order = store.lockByOrder(h, merchant.id(), noOrder)
                    .filter(o -> token.equals(o.smsToken()))
                    .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
            if (dtOrder.filter(d -> !d.equals(order.dtOrder())).isPresent()) {
                throw Refusal.badField("dt_order");
            }
            if (moneyOrder != order.moneyOrder()) {
                throw Refusal.badField("money_order");
            }
            requireWaiting(order, Refusal.of(RetCode.PAYMENT_FAILED));
            SmsCodes.CodeCheck check = smsCodes.check(h, merchant.id(), SMS_PURPOSE, token, verifyCode);
            if (!check.accepted()) {
                // Committed: a wrong code counts as a try.
                return new Checked(order, check.refusal());
            }
            store.markCharging(h, order, clock.instant());
            return new Checked(store.byId(h, order.id()), null);
        });
        if (checked.refusal() != null) {
            throw Refusal.of(checked.refusal());
        }
        return new Outcome(charge(checked.order()), false);
    }

    /**
     * Texts the payer a new code for a waiting order, under the same token (the gateway's card payment pages' resend):
     * 1000 for a token that is not the order's; 2007 paid, 2008 charging, 1005 failed, 2006 closed; 9704 when the SMS
     * cannot be sent.
     */
    public void resendCode(Merchant merchant, String noOrder, String token) {
        jdbi.useTransaction(h -> {
            EasypayOrder order = store.lockByOrder(h, merchant.id(), noOrder)
                    .filter(o -> token.equals(o.smsToken()))
                    .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
            requireWaiting(order, Refusal.of(RetCode.PAYMENT_FAILED));
            smsCodes.resend(h, merchant.id(), SMS_PURPOSE, token);
        });
    }

    /** The issuer's late answer to a charge it left pending, named by the order's {@code oid_paybill}. */
    @Override
    public boolean answered(String reference, IssuerAnswer answer) {
        return charges.answered(reference, answer);
    }

    /** Closes every waiting order whose {@code valid_order} has passed. */
    public int closeExpired() {
        return jdbi.withHandle(h -> store.closeExpired(h, clock.instant()));
    }

    @Override
    public Optional<QueriedOrder> find(MerchantRef merchant, OrderLookup lookup, Optional<String> dtOrder,
                                       boolean withMemo) {
        return jdbi.withHandle(h -> lookup.pick(store.named(h, merchant.id(), lookup),
                        EasypayOrder::noOrder, EasypayOrder::oidPaybill)
                .filter(o -> dtOrder.map(o.dtOrder()::equals).orElse(true))
                .map(order -> new QueriedOrder(order.createdAt(), messages.queryFields(merchant, order,
                        order.statusAt(clock.instant()), authorization(h, order), withMemo))));
    }

    /**
     * Where the pre-authorization an authorized order made stands now, as the pre-authorization status query answers
     * it; empty for any other order.
     */
    private Optional<PreAuthorizations.Standing> authorization(Handle h, EasypayOrder order) {
        if (order.status() != EasypayStatus.AUTHORIZED) {
            return Optional.empty();
        }
        return preAuthorizations.get().flatMap(p -> p.standing(h, order.merchantId(), order.oidPaybill()));
    }

    @Override
    public List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return store.lockRefundable(h, merchantId, lookup, PRODUCT);
    }

    /** 9907 for a bank_code of another bank; 5601 for a pre-authorization on a debit card. */
    private static void requireFits(EasypayApplication a, IssuedCard issued) {
        if (a.bankCode().filter(code -> !code.equals(issued.bankCode())).isPresent()) {
            throw Refusal.of(RetCode.BANK_CODE_CARD_MISMATCH, "bank_code");
        }
        if (a.payType().preAuth() && !issued.credit()) {
            throw Refusal.of(RetCode.PAY_TYPE_CARD_MISMATCH, "pay_type");
        }
    }

    /** A new order: waiting for its code, texted now; or, without SMS verification, charging at once. */
    private Outcome create(Handle h, Merchant merchant, EasypayApplication a, PayingCard card, boolean sms) {
        Instant now = clock.instant();
        long id = store.insert(h, merchant.id(), a, seal.seal(card.holder()), card.issued(), card.noAgree(),
                sms ? EasypayStatus.WAITING : EasypayStatus.PROCESSING, now);
        EasypayOrder order = store.byId(h, id);
        if (sms) {
            String token = smsCodes.send(h, new SmsCodes.CodeRequest(merchant.id(), merchant.oidPartner(),
                    merchant.name(), SMS_PURPOSE, Long.toString(id), card.holder().bindMob(), order.oidPaybill()));
            store.setSmsToken(h, id, token, now);
            order = store.byId(h, id);
        }
        return new Outcome(order, false);
    }

    /** A second apply with a no_order the merchant used. */
    private Outcome repeat(Handle h, Merchant merchant, EasypayOrder existing, EasypayApplication a) {
        requireWaiting(existing, Refusal.of(RetCode.DUPLICATE_ORDER, "no_order"));
        if (existing.moneyOrder() != a.moneyOrder() || existing.smsToken() == null) {
            throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
        }
        smsCodes.resend(h, merchant.id(), SMS_PURPOSE, existing.smsToken());
        return new Outcome(existing, true);
    }

    /** Refuses an order that can no longer be verified or paid: 2007, 2008, {@code failed}, 2006. */
    private void requireWaiting(EasypayOrder order, Refusal failed) {
        switch (order.statusAt(clock.instant())) {
            case SUCCESS, AUTHORIZED -> throw Refusal.of(RetCode.ALREADY_PAID);
            case PROCESSING -> throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
            case FAILURE -> throw failed;
            case CLOSED -> throw Refusal.of(RetCode.EXPIRED);
            case WAITING -> { }
        }
    }

    /** Asks the issuer to charge an order in PROCESSING, and writes its answer; a decline is thrown as its code. */
    private EasypayOrder charge(EasypayOrder charging) {
        return charges.charge(new CardCharge(charging.oidPaybill(), seal.open(charging.holder()),
                charging.moneyOrder(), charging.payType().preAuth()));
    }

    /** A charged card: bound, paid, notified and, for an ordinary payment, received in the merchant's books. */
    private void pay(Handle h, EasypayOrder order, Instant now) {
        Merchant merchant = merchants.byId(h, order.merchantId());
        String noAgree = order.noAgree() != null ? order.noAgree()
                : agreements.bindOnPayment(h, new AgreementOwner(merchant.id(), order.platform()), order.userId(),
                        seal.open(order.holder()), new IssuedCard(order.bankCode(), order.bankName(), order.credit()),
                        order.payType().code()).noAgree();
        boolean preAuth = order.payType().preAuth();
        String settleDate = ledger.calendar().settleDate(now);
        // An authorization moves no money: the capture that turns it into a payment is received then.
        long fee = preAuth ? 0 : merchant.feeRate().feeOn(order.moneyOrder());
        EasypayStatus paid = preAuth ? EasypayStatus.AUTHORIZED : EasypayStatus.SUCCESS;
        if (!store.markPaid(h, order, paid, noAgree, settleDate, fee, now)) {
            throw new IllegalStateException("easypay order " + order.id() + " changed while its row was locked");
        }
        EasypayOrder after = store.byId(h, order.id());
        notifier.enqueue(h, new OutgoingNotification(merchant.id(), PRODUCT, after.oidPaybill(), after.noOrder(),
                after.status().resultPay(), after.notifyUrl(), FlatJson.write(messages.notification(merchant.ref(), after))));
        if (preAuth) {
            // From here on the product that keeps pre-authorizations captures, cancels or expires it.
            preAuthorizations.get().orElseThrow(() -> new IllegalStateException("no product keeps pre-authorizations"))
                    .authorized(h, new PreAuthorization(merchant.ref(), after.noOrder(), after.oidPaybill(),
                            after.oidPaybill(), after.dtOrder(), after.userId(), after.moneyOrder(), after.busiPartner(),
                            after.infoOrder(), now, after.holder().cardMasked()));
        } else {
            // Last: the ledger's account rows are the most contended locks and are held until commit.
            receipts.receive(h, merchant.id(), new TransactionRef(EasypayProduct.IDENTITY, order.id()),
                    order.moneyOrder(), fee, settleDate);
        }
    }
}
