package io.llgate.server.exchange;

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
import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.ExchangeRates;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.OrderLookup;
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
import io.llgate.server.security.CardVault;
import io.llgate.server.store.Conflicts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The exchange payment service (23 §1). Apply prices the order at the rate in force (frozen on the order), checks the
 * card with its issuer, creates the order and texts the payer a code; verify checks the code and charges the card the
 * yuan amount through the card products' shared {@link CardCharging} steps: the order moves to PROCESSING and commits,
 * the issuer is asked with no lock held, and its answer is written: paid (bound when it can be, the merchant's
 * unsettled balance in the order's currency credited, the notification queued), declined, or pending until the
 * issuer's late answer. A merchant without SMS verification is charged at apply.
 */
final class ExchangePayments implements CardIssuerListener, RefundablePayments {
    static final String PRODUCT = ExchangeProduct.IDENTITY.name();
    /** What the SMS codes of exchange orders confirm. */
    static final String SMS_PURPOSE = "exchange";
    /** How long a texted code may be verified (23 §1). */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** How long the token of an apply verifies (X9). */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Notifier notifier;
    private final Merchants merchants;
    private final PayingCards cards;
    private final CardCharging<ExchangeOrder> charges;
    private final ExchangeRates rates;
    private final SmsCodes smsCodes;
    private final Agreements agreements;
    private final HolderSeal seal;
    private final CardVault vault;
    private final ExchangeMessages messages;
    private final ExchangeStore store = new ExchangeStore();

    ExchangePayments(Jdbi jdbi, Clock clock, Ledger ledger, Notifier notifier, Merchants merchants, CardIssuer issuer,
                     ExchangeRates rates, SmsCodes smsCodes, Agreements agreements, HolderSeal seal, CardVault vault,
                     ExchangeMessages messages) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = new PaymentReceipts(ledger);
        this.notifier = notifier;
        this.merchants = merchants;
        this.cards = new PayingCards(jdbi, issuer, agreements, clock);
        this.charges = new CardCharging<>(jdbi, clock, issuer, store, this::pay);
        this.rates = rates;
        this.smsCodes = smsCodes;
        this.agreements = agreements;
        this.seal = seal;
        this.vault = vault;
        this.messages = messages;
    }

    ExchangeStore store() {
        return store;
    }

    ExchangeMessages messages() {
        return messages;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Applies for a payment (§4). Refused before anything is written: no rate in force for the order's currency
     * (8006); the card's checks (1004, 1102 unknown issuer, 1101–1115 from its issuer), the binding (3003, 3011),
     * another person's card for the user (7018). A repeat of a no_order with the same fields on an order still waiting
     * texts a new code under a new token (X9); with other fields, or on an order no longer waiting, 1002.
     */
    ExchangeOrder apply(Merchant merchant, ExchangeApplication a) {
        String applyHash = vault.hash("exchange-apply:" + a.fields());
        Optional<ExchangeOrder> repeated = jdbi.inTransaction(h -> store.lockByOrder(h, merchant.id(), a.noOrder())
                .map(existing -> repeat(h, merchant, existing, applyHash)));
        if (repeated.isPresent()) {
            return repeated.get();
        }
        ExchangeRate rate = rates.at(a.moneyOrder().currency(), clock.instant())
                .orElseThrow(() -> Refusal.of(RetCode.EXCHANGE_ERROR));
        ExchangePrice price = ExchangePrice.of(a.moneyOrder(), rate, merchant.feeRate());
        AgreementOwner owner = new AgreementOwner(merchant.id(), a.platform().orElse(null));
        // X8: with no_agree, the binding's elements stand in for the card's. Every card and binding fits exchange.
        PayingCard card = a.noAgree().isPresent()
                ? cards.bound(owner, a.userId(), a.noAgree().orElseThrow(), issued -> { })
                : cards.newCard(owner, a.userId(), a.card().orElseThrow(() -> Refusal.badField("card_no")),
                        issued -> { });
        ExchangeOrder created = Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> create(h, merchant, a, applyHash, price, card)),
                () -> jdbi.inTransaction(h -> repeat(h, merchant, store.lockByOrder(h, merchant.id(), a.noOrder())
                        .orElseThrow(() -> new IllegalStateException("the order that won the race is gone")), applyHash)));
        return created.status() == ExchangeStatus.PROCESSING ? charge(created) : created;
    }

    /**
     * Verifies the payer's code and charges the card (§5). Refused: 1000 for a token that is not this order's current
     * one or is older than {@link #TOKEN_LIFETIME}; 1004 for another {@code user_id} than the apply's (X5); 2007 paid,
     * 2008 charging, 2006 past {@code valid_order}, 1005 declined; the code's refusals (1900, 1901, 9702), whose tries
     * count. A declined charge answers the issuer's code.
     */
    ExchangeOrder verify(Merchant merchant, String noOrder, String userId, String token, String verifyCode) {
        record Checked(ExchangeOrder order, RetCode refusal) {
        }
        Checked checked = jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            ExchangeOrder order = store.lockByOrder(h, merchant.id(), noOrder)
                    .filter(o -> token.equals(o.smsToken()))
                    .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
            if (!userId.equals(order.userId())) {
                throw Refusal.badField(ExchangeMessages.USER_ID);
            }
            requireWaiting(order, now);
            if (!now.isBefore(order.tokenExpiresAt())) {
                throw Refusal.of(RetCode.TOKEN_INVALID);
            }
            SmsCodes.CodeCheck check = smsCodes.check(h, merchant.id(), SMS_PURPOSE, token, verifyCode);
            if (!check.accepted()) {
                // Committed: a wrong code counts as a try.
                return new Checked(order, check.refusal());
            }
            store.markCharging(h, order, now);
            return new Checked(store.byId(h, order.id()), null);
        });
        if (checked.refusal() != null) {
            throw Refusal.of(checked.refusal());
        }
        return charge(checked.order());
    }

    /** The merchant's order the lookup names, as it stands now; 9092 when the two numbers name different orders. */
    Optional<ExchangeOrder> find(MerchantRef merchant, OrderLookup lookup) {
        return jdbi.withHandle(h -> lookup.pick(store.named(h, merchant.id(), lookup), ExchangeOrder::noOrder,
                ExchangeOrder::oidPaybill));
    }

    /**
     * The merchant's payments the lookup names, as refunds see them, locked: amounts and fee in the order's currency,
     * with the rate the payer paid at, by which refunds return yuan (a CNY order names none).
     */
    @Override
    public List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return store.lockNamed(h, merchantId, lookup, (rs, ctx) -> {
            ExchangeOrder order = ExchangeStore.map(rs);
            ExchangePrice price = order.price();
            boolean cny = price.order().currency().equals(Money.CNY);
            ExchangeRate rate = cny ? null : rates.byId(price.rateId()).orElseThrow(() -> new IllegalStateException(
                    "exchange order " + order.id() + " was priced at rate " + price.rateId() + ", which is gone"));
            return new RefundablePayment(PRODUCT, order.id(), order.noOrder(), order.oidPaybill(), order.dtOrder(),
                    price.order().minor(), price.fee().minor(), order.status() == ExchangeStatus.SUCCESS,
                    order.paidAt(), order.busiPartner(), order.payType().code(), order.infoOrder(),
                    price.order().currency(), rate);
        });
    }

    /** A payment refunded in whole reads {@code REFUND} (23 §2); a part refunded leaves it {@code SUCCESS}. */
    @Override
    public void refunded(Handle h, String product, long orderId, long refunded) {
        if (PRODUCT.equals(product)) {
            store.markRefunded(h, orderId, refunded, clock.instant());
        }
    }

    /** The issuer's late answer to a charge it left pending, named by the order's {@code oid_paybill}. */
    @Override
    public boolean answered(String reference, IssuerAnswer answer) {
        return charges.answered(reference, answer);
    }

    /** Fails every waiting order whose {@code valid_order} has passed, with the memo the query shows. */
    int failExpired() {
        return jdbi.withHandle(h -> store.failExpired(h, ExchangeMessages.EXPIRED_MEMO, clock.instant()));
    }

    /** A new order: created, then waiting for its code, texted now; or, without SMS verification, charging at once. */
    private ExchangeOrder create(Handle h, Merchant merchant, ExchangeApplication a, String applyHash,
                                 ExchangePrice price, PayingCard card) {
        Instant now = clock.instant();
        long id = store.insert(h, merchant.id(), a, applyHash, price, seal.seal(card.holder()), card.issued(),
                card.noAgree(), now);
        ExchangeOrder order = store.byId(h, id);
        if (!merchant.cardSmsVerification()) {
            store.markCharging(h, order, now);
            return store.byId(h, id);
        }
        return text(h, merchant, order, card.holder().bindMob());
    }

    /** Texts the payer a new code under a new token; the order waits for it. */
    private ExchangeOrder text(Handle h, Merchant merchant, ExchangeOrder order, String mobile) {
        Instant now = clock.instant();
        String token = smsCodes.send(h, new SmsCodes.CodeRequest(merchant.id(), merchant.oidPartner(), merchant.name(),
                SMS_PURPOSE, Long.toString(order.id()), mobile, order.oidPaybill()), CODE_LIFETIME);
        if (!store.markWaiting(h, order, token, now.plus(TOKEN_LIFETIME), now)) {
            throw new IllegalStateException("exchange order " + order.id() + " changed while its row was locked");
        }
        return store.byId(h, order.id());
    }

    /** A second apply with a no_order the merchant used (X9). */
    private ExchangeOrder repeat(Handle h, Merchant merchant, ExchangeOrder existing, String applyHash) {
        if (!existing.applyHash().equals(applyHash) || existing.status() != ExchangeStatus.WAITING) {
            throw Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
        }
        requireWaiting(existing, clock.instant());
        return text(h, merchant, existing, seal.open(existing.holder()).bindMob());
    }

    /** Refuses an order that can no longer be verified or paid: 2007, 2008, 2006, 1005. */
    private static void requireWaiting(ExchangeOrder order, Instant now) {
        if (order.expiredAt(now)) {
            throw Refusal.of(RetCode.EXPIRED);
        }
        switch (order.status()) {
            case SUCCESS, REFUND -> throw Refusal.of(RetCode.ALREADY_PAID);
            case PROCESSING -> throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
            case FAILURE -> throw Refusal.of(order.failCode() == null ? RetCode.EXPIRED : RetCode.PAYMENT_FAILED);
            case CREATED, WAITING -> { }
        }
    }

    /** Asks the issuer to charge an order in PROCESSING its yuan amount, and writes its answer; a decline is thrown. */
    private ExchangeOrder charge(ExchangeOrder charging) {
        return charges.charge(new CardCharge(charging.oidPaybill(), seal.open(charging.holder()),
                charging.price().pay().minor(), false));
    }

    /** A charged card: bound (when its holder proved an identity), paid, notified, received in the merchant's books. */
    private void pay(Handle h, ExchangeOrder order, Instant now) {
        Merchant merchant = merchants.byId(h, order.merchantId());
        CardHolder holder = seal.open(order.holder());
        String noAgree = order.noAgree() != null ? order.noAgree()
                : holder.hasIdentity() ? agreements.bindOnPayment(h, new AgreementOwner(merchant.id(), order.platform()),
                        order.userId(), holder, new IssuedCard(order.bankCode(), order.bankName(), order.credit()),
                        order.payType().code()).noAgree()
                : null;
        String settleDate = ledger.calendar().settleDate(now);
        if (!store.markPaid(h, order, noAgree, settleDate, now)) {
            throw new IllegalStateException("exchange order " + order.id() + " changed while its row was locked");
        }
        ExchangeOrder after = store.byId(h, order.id());
        notifier.enqueue(h, new OutgoingNotification(merchant.id(), PRODUCT, after.oidPaybill(), after.noOrder(),
                after.status().name(), after.notifyUrl(), FlatJson.write(messages.notification(merchant.ref(), after))));
        // Last: the ledger's account rows are the most contended locks and are held until commit.
        ExchangePrice price = after.price();
        receipts.receiveExchange(h, merchant.id(), new TransactionRef(ExchangeProduct.IDENTITY, order.id()),
                price.pay(), price.order(), price.fee(), settleDate);
    }
}
