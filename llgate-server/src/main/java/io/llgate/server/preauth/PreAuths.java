package io.llgate.server.preauth;

import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.merchant.Merchants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The pre-authorization service. Card payments record an authorization the issuer approved; the merchant then
 * captures it once, in full or in part, which pays the merchant the captured amount (the ledger's receipt) in one
 * transaction; or cancels it; or it expires after {@link #HOLD}. A cancelled or expired authorization moves no money.
 * The easypay notification of the payment is sent when the issuer authorized (its {@code pay_type} {@code F}); a
 * capture is answered at once and sends no second one, which would name the same {@code oid_paybill} and
 * {@code result_pay} and so read as a repeat of the first. Each public method is one transaction, and a capture or cancel holds the
 * authorization's row lock, so of two that race one takes effect and the other is refused.
 */
public final class PreAuths implements PreAuthorizations, RefundablePayments {
    /**
     * How long an authorization holds the amount on the card before it expires: 30 days, the hold card schemes
     * commonly grant, counted on the gateway's clock from the issuer's approval.
     */
    public static final Duration HOLD = Duration.ofDays(30);
    static final String PRODUCT = PreAuthProduct.IDENTITY.name();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Merchants merchants;
    private final CardIssuer issuer;
    private final PreAuthMessages messages;
    private final PreAuthStore store = new PreAuthStore();

    PreAuths(Jdbi jdbi, Clock clock, Ledger ledger, Merchants merchants, CardIssuer issuer, PreAuthMessages messages) {
        this.jdbi = jdbi;
        this.issuer = issuer;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = new PaymentReceipts(ledger);
        this.merchants = merchants;
        this.messages = messages;
    }

    PreAuthStore store() {
        return store;
    }

    @Override
    public void authorized(Handle h, PreAuthorization authorization) {
        store.insert(h, authorization, authorization.authorizedAt().plus(HOLD));
    }

    @Override
    public Optional<Standing> standing(Handle h, long merchantId, String oidPaybill) {
        return store.byPaybill(h, merchantId, oidPaybill).map(auth -> {
            PreAuthStatus status = auth.statusAt(clock.instant());
            return new Standing(status.stage(), auth.moneyOrder(), auth.settleDate(), status.message());
        });
    }

    /**
     * Captures {@code change.moneyOrder()} of the authorization (E16: more than nothing, at most the authorized
     * amount, once), at the card's issuer and then here. Refusals write nothing: 8901 unknown, 7017 already captured
     * or too much, 2006 cancelled or expired, and the issuer's refusal.
     */
    public PreAuth capture(MerchantRef merchant, PreAuthChange change) {
        return jdbi.inTransaction(h -> {
            PreAuth auth = lock(h, merchant, change);
            Instant now = clock.instant();
            switch (auth.statusAt(now)) {
                case CAPTURED -> throw Refusal.of(RetCode.AMOUNT_INCORRECT, Fields.MONEY_ORDER);
                case CANCELLED, EXPIRED -> throw Refusal.of(RetCode.EXPIRED);
                case AUTHORIZED -> { }
            }
            if (change.moneyOrder() > auth.moneyAuthorized()) {
                throw Refusal.of(RetCode.AMOUNT_INCORRECT, Fields.MONEY_ORDER);
            }
            requireApproved(issuer.capture(auth.issuerReference(), change.moneyOrder()));
            long fee = merchants.byId(h, merchant.id()).feeRate().feeOn(change.moneyOrder());
            String settleDate = ledger.calendar().settleDate(now);
            if (!store.markCaptured(h, auth, new PreAuthStore.Capture(change.moneyOrder(), fee, settleDate, now))) {
                throw new IllegalStateException("pre-authorization " + auth.id() + " changed while its row was locked");
            }
            // Last: the ledger's account rows are the most contended locks and are held until commit.
            receipts.receive(h, merchant.id(), new TransactionRef(PreAuthProduct.IDENTITY, auth.id()),
                    change.moneyOrder(), fee, settleDate);
            return store.byId(h, auth.id());
        });
    }

    /**
     * Cancels the authorization, which the card's issuer releases; {@code change.moneyOrder()} must be the authorized
     * amount (E16). Refusals write nothing: 8901 unknown, 2007 captured, 2006 cancelled or expired, 7017 another
     * amount, and the issuer's refusal.
     */
    public PreAuth cancel(MerchantRef merchant, PreAuthChange change) {
        return jdbi.inTransaction(h -> {
            PreAuth auth = lock(h, merchant, change);
            Instant now = clock.instant();
            switch (auth.statusAt(now)) {
                case CAPTURED -> throw Refusal.of(RetCode.ALREADY_PAID);
                case CANCELLED, EXPIRED -> throw Refusal.of(RetCode.EXPIRED);
                case AUTHORIZED -> { }
            }
            if (change.moneyOrder() != auth.moneyAuthorized()) {
                throw Refusal.of(RetCode.AMOUNT_INCORRECT, Fields.MONEY_ORDER);
            }
            requireApproved(issuer.release(auth.issuerReference()));
            if (!store.markCancelled(h, auth, now)) {
                throw new IllegalStateException("pre-authorization " + auth.id() + " changed while its row was locked");
            }
            return store.byId(h, auth.id());
        });
    }

    /**
     * The status query's reply (20 §10), not yet signed: the state at the time of the query. 8901 when the merchant
     * has no such authorization or its {@code dt_order} is not {@code dtOrder}; 9092 when the two numbers disagree.
     */
    public LinkedHashMap<String, String> query(MerchantRef merchant, Optional<String> noOrder,
                                               Optional<String> oidPaybill, String dtOrder) {
        OrderLookup lookup = new OrderLookup(noOrder, oidPaybill);
        PreAuth auth = lookup.pick(jdbi.withHandle(h -> store.named(h, merchant.id(), lookup)),
                        PreAuth::noOrder, PreAuth::oidPaybill)
                .filter(a -> a.dtOrder().equals(dtOrder))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        return messages.queryReply(merchant, auth, auth.statusAt(clock.instant()));
    }

    /** The merchant's authorization by {@code no_order} and/or {@code oid_paybill}, as it is stored. */
    public Optional<PreAuth> find(long merchantId, Optional<String> noOrder, Optional<String> oidPaybill) {
        OrderLookup lookup = new OrderLookup(noOrder, oidPaybill);
        return lookup.pick(jdbi.withHandle(h -> store.named(h, merchantId, lookup)), PreAuth::noOrder,
                PreAuth::oidPaybill);
    }

    /** Expires every authorization whose hold has passed; the issuer releases the amount, and no money moves. */
    public int expire() {
        return jdbi.withHandle(h -> store.expire(h, clock.instant()));
    }

    @Override
    public List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return store.lockNamed(h, merchantId, lookup).stream().map(auth -> PreAuthStore.refundable(auth, PRODUCT))
                .toList();
    }

    /**
     * The issuer's answer to a capture or a release must be a yes: a refusal is the merchant's, and a bank that does
     * not answer at once leaves the authorization as it was, to be asked again (2008).
     */
    private static void requireApproved(IssuerAnswer answer) {
        switch (answer.outcome()) {
            case APPROVED -> { }
            case DECLINED -> throw Refusal.of(answer.refusal());
            case PENDING -> throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
        }
    }

    /** The authorization a capture or cancel names, locked: 8901 unknown or another {@code dt_order}. */
    private PreAuth lock(Handle h, MerchantRef merchant, PreAuthChange change) {
        OrderLookup lookup = new OrderLookup(Optional.of(change.noOrder()), change.oidPaybill());
        PreAuth auth = lookup.pick(store.lockNamed(h, merchant.id(), lookup), PreAuth::noOrder, PreAuth::oidPaybill)
                .filter(a -> a.dtOrder().equals(change.dtOrder()))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        if (!auth.userId().equals(change.userId())) {
            throw Refusal.badField(PreAuthMessages.USER_ID);
        }
        return auth;
    }
}
