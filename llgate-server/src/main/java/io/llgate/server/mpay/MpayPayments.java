package io.llgate.server.mpay;

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
import io.llgate.server.card.CardHolder;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.PayingCards;
import io.llgate.server.card.PayingCards.PayingCard;
import io.llgate.server.card.SmsCodes;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.OrderLookup;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The MPAY service (21 §1a). Apply checks the card with its issuer (or takes the binding), creates the order and texts
 * the payer a code; verify checks the code and charges the card through the card products' shared
 * {@link CardCharging} steps: the order moves to PROCESSING and commits, the issuer is asked with no lock held, and
 * its answer is written: paid (the card bound, the merchant's unsettled balance credited, the notification queued),
 * declined, or still pending until the issuer's late answer. A merchant without SMS verification is charged at apply.
 */
final class MpayPayments implements RefundablePayments, QueriedOrders, CardIssuerListener {
    /** What the SMS codes of MPAY orders confirm: an MPAY token verifies only an MPAY order. */
    static final String SMS_PURPOSE = "mpay";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Notifier notifier;
    private final Merchants merchants;
    private final PayingCards cards;
    private final CardCharging<MpayOrder> charges;
    private final SmsCodes smsCodes;
    private final Agreements agreements;
    private final HolderSeal seal;
    private final MpayMessages messages;
    private final MpayStore store = new MpayStore();

    MpayPayments(Jdbi jdbi, Clock clock, Ledger ledger, Notifier notifier, Merchants merchants, CardIssuer issuer,
                 SmsCodes smsCodes, Agreements agreements, HolderSeal seal, MpayMessages messages) {
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
    }

    MpayStore store() {
        return store;
    }

    MpayMessages messages() {
        return messages;
    }

    /**
     * Applies for a payment (§6). Refused before anything is written: the card's checks (1004, 1102 unknown issuer,
     * 9907 bank_code of another bank, 5601 pay type for the other kind of card, 1101–1115 from its issuer), the binding
     * (3003, 3011), another person's card for the user (7018). A repeat of a no_order: 2007 paid, 2008 charging, 2006
     * closed, 1002 failed or different; a waiting order of the same amount texts a new code under its token.
     */
    MpayOrder apply(Merchant merchant, MpayApplication a) {
        AgreementOwner owner = new AgreementOwner(merchant.id(), a.platform().orElse(null));
        PayingCard card = a.noAgree().isPresent()
                ? cards.bound(owner, a.userId(), a.noAgree().orElseThrow(), issued -> requireFits(a, issued))
                : cards.newCard(owner, a.userId(), a.card().orElseThrow(() -> Refusal.badField("card_no")),
                        issued -> requireFits(a, issued));
        boolean sms = merchant.cardSmsVerification();
        record Applied(MpayOrder order, boolean repeated) {
        }
        Applied applied = Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> store.lockByOrder(h, merchant.id(), a.noOrder())
                        .map(existing -> new Applied(repeat(h, merchant, existing, a), true))
                        .orElseGet(() -> new Applied(create(h, merchant, a, card, sms), false))),
                () -> jdbi.inTransaction(h -> new Applied(repeat(h, merchant, store.lockByOrder(h, merchant.id(),
                        a.noOrder()).orElseThrow(() -> new IllegalStateException("the order that won the race is gone")),
                        a), true)));
        if (applied.order().status() == MpayStatus.PROCESSING && !applied.repeated()) {
            return charge(applied.order());
        }
        return applied.order();
    }

    /**
     * Verifies the payer's code and charges the card (§7, M10: the order is found by its merchant, no_order and token).
     * Refused: 1000 for a token that is not this order's; 1004 for a money_order that is not the order's; 2007 paid,
     * 2008 charging, 1005 failed, 2006 closed; the code's refusals (1900, 1901, 9702), whose tries count. A declined
     * charge answers the issuer's code.
     */
    MpayOrder verify(Merchant merchant, String noOrder, String token, long moneyOrder, String verifyCode) {
        record Checked(MpayOrder order, RetCode refusal) {
        }
        Checked checked = jdbi.inTransaction(h -> {
            MpayOrder order = store.lockByOrder(h, merchant.id(), noOrder)
                    .filter(o -> token.equals(o.smsToken()))
                    .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
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
        return charge(checked.order());
    }

    /** The issuer's late answer to a charge it left pending, named by the order's {@code oid_paybill}. */
    @Override
    public boolean answered(String reference, IssuerAnswer answer) {
        return charges.answered(reference, answer);
    }

    /** Closes every waiting order whose {@code valid_order} has passed. */
    int closeExpired() {
        return jdbi.withHandle(h -> store.closeExpired(h, clock.instant()));
    }

    @Override
    public Optional<QueriedOrder> find(MerchantRef merchant, OrderLookup lookup, Optional<String> dtOrder,
                                       boolean withMemo) {
        return jdbi.withHandle(h -> lookup.pick(store.named(h, merchant.id(), lookup),
                        MpayOrder::noOrder, MpayOrder::oidPaybill)
                .filter(o -> dtOrder.map(o.dtOrder()::equals).orElse(true))
                .map(order -> new QueriedOrder(order.createdAt(), messages.queryFields(merchant, order,
                        order.statusAt(clock.instant()), withMemo), MpayMessages.QUERY_UNSIGNED)));
    }

    @Override
    public List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return store.lockRefundable(h, merchantId, lookup);
    }

    /** 9907 for a bank_code of another bank; 5601 for a pay type of the other kind of card (M17). */
    private static void requireFits(MpayApplication a, IssuedCard issued) {
        if (a.bankCode().filter(code -> !code.equals(issued.bankCode())).isPresent()) {
            throw Refusal.of(RetCode.BANK_CODE_CARD_MISMATCH, "bank_code");
        }
        if (!a.payType().takes(issued.credit())) {
            throw Refusal.of(RetCode.PAY_TYPE_CARD_MISMATCH);
        }
    }

    /** A new order: waiting for its code, texted now; or, without SMS verification, charging at once. */
    private MpayOrder create(Handle h, Merchant merchant, MpayApplication a, PayingCard card, boolean sms) {
        Instant now = clock.instant();
        long id = store.insert(h, merchant.id(), a, seal.seal(card.holder()), card.issued(), card.noAgree(),
                sms ? MpayStatus.WAITING : MpayStatus.PROCESSING, now);
        MpayOrder order = store.byId(h, id);
        if (sms) {
            String token = smsCodes.send(h, new SmsCodes.CodeRequest(merchant.id(), merchant.oidPartner(),
                    merchant.name(), SMS_PURPOSE, Long.toString(id), card.holder().bindMob(), order.oidPaybill()));
            store.setSmsToken(h, id, token, now);
            order = store.byId(h, id);
        }
        return order;
    }

    /** A second apply with a no_order the merchant used: a waiting order of the same amount texts a new code. */
    private MpayOrder repeat(Handle h, Merchant merchant, MpayOrder existing, MpayApplication a) {
        requireWaiting(existing, Refusal.of(RetCode.DUPLICATE_ORDER, "no_order"));
        if (existing.moneyOrder() != a.moneyOrder() || existing.smsToken() == null) {
            throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
        }
        smsCodes.resend(h, merchant.id(), SMS_PURPOSE, existing.smsToken());
        return existing;
    }

    /** Refuses an order that can no longer be verified or paid: 2007, 2008, {@code failed}, 2006. */
    private void requireWaiting(MpayOrder order, Refusal failed) {
        switch (order.statusAt(clock.instant())) {
            case SUCCESS -> throw Refusal.of(RetCode.ALREADY_PAID);
            case PROCESSING -> throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
            case FAILURE -> throw failed;
            case CLOSED -> throw Refusal.of(RetCode.EXPIRED);
            case WAITING -> { }
        }
    }

    /** Asks the issuer to charge an order in PROCESSING, and writes its answer; a decline is thrown as its code. */
    private MpayOrder charge(MpayOrder charging) {
        return charges.charge(new CardCharge(charging.oidPaybill(), seal.open(charging.holder()),
                charging.moneyOrder(), false));
    }

    /** A charged card: bound, paid, notified and received in the merchant's books. */
    private void pay(Handle h, MpayOrder order, Instant now) {
        Merchant merchant = merchants.byId(h, order.merchantId());
        CardHolder holder = seal.open(order.holder());
        String noAgree = order.noAgree() != null ? order.noAgree()
                : agreements.bindOnPayment(h, new AgreementOwner(merchant.id(), order.platform()), order.userId(),
                        holder, new IssuedCard(order.bankCode(), order.bankName(), order.credit()),
                        order.payType().code()).noAgree();
        String settleDate = ledger.calendar().settleDate(now);
        long fee = merchant.feeRate().feeOn(order.moneyOrder());
        if (!store.markPaid(h, order, noAgree, settleDate, fee, now)) {
            throw new IllegalStateException("MPAY order " + order.id() + " changed while its row was locked");
        }
        MpayOrder after = store.byId(h, order.id());
        notifier.enqueue(h, new OutgoingNotification(merchant.id(), MpayProduct.IDENTITY.name(), after.oidPaybill(),
                after.noOrder(), after.status().resultPay(), after.notifyUrl(),
                FlatJson.write(messages.notification(merchant.ref(), after, holder, merchant.notifyCardHolder()))));
        // Last: the ledger's account rows are the most contended locks and are held until commit.
        receipts.receive(h, merchant.id(), new TransactionRef(MpayProduct.IDENTITY, order.id()), order.moneyOrder(),
                fee, settleDate);
    }
}
