package io.llgate.server.onlinebanking;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.PayerBank;
import io.llgate.server.bank.PayerBankListener;
import io.llgate.server.bank.PayerBankPayment;
import io.llgate.server.bank.PayerBankReturn;
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
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Conflicts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The online banking service. An order waits while the payer is at the cashier or the bank. The bank's answer
 * makes it SUCCESS, which in one transaction credits the merchant's unsettled balance, queues the asynchronous
 * notification and opens the single-use return to {@code url_return}; or FAILURE, which does none of these. An
 * order not paid within {@code valid_order} closes. Each public method is one transaction.
 */
public final class OnlineBankingPayments implements RefundablePayments, PayerBankListener, QueriedOrders {
    static final String PRODUCT = OnlineBankingProduct.IDENTITY.name();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentReceipts receipts;
    private final Notifier notifier;
    private final Merchants merchants;
    private final PayerBank payerBank;
    private final Banks banks;
    private final OnlineBankingMessages messages;
    private final OnlineBankingStore store = new OnlineBankingStore();
    private final SecureRandom random = new SecureRandom();

    public OnlineBankingPayments(Jdbi jdbi, Clock clock, Ledger ledger, Notifier notifier, Merchants merchants,
                                 PayerBank payerBank, GatewayKeys keys, Banks banks) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = new PaymentReceipts(ledger);
        this.notifier = notifier;
        this.merchants = merchants;
        this.payerBank = payerBank;
        this.banks = banks;
        this.messages = new OnlineBankingMessages(keys, banks);
    }

    public Banks banks() {
        return banks;
    }

    OnlineBankingStore store() {
        return store;
    }

    /**
     * Creates the order, or resumes the waiting order a repeated post of the same order names (O12).
     * Refusals write nothing: 2007 when that order is paid, 2006 when it closed, 1002 when it failed or
     * the repeat differs in amount or goods.
     */
    public OnlineBankingOrder start(Merchant merchant, PaymentRequest request) {
        // Two posts of the same order race: the unique constraint lets one through, and the other resumes it.
        return Conflicts.whenRaceLost(
                () -> jdbi.inTransaction(h -> {
                    Optional<Long> existing = store.lockByOrder(h, merchant.id(), request.noOrder());
                    if (existing.isPresent()) {
                        return resume(h, existing.get(), request);
                    }
                    PayType payType = request.payType().orElse(request.bankCode().isPresent() ? PayType.DEBIT : null);
                    return store.insert(h, merchant.id(), request, payType, token(), clock.instant());
                }),
                () -> jdbi.inTransaction(h -> resume(h, store.lockByOrder(h, merchant.id(), request.noOrder())
                        .orElseThrow(() -> new IllegalStateException("the order that won the race is gone")), request)));
    }

    /** Where the payer of a new order goes: the bank the merchant chose, or else the cashier. */
    public String payerPage(Merchant merchant, OnlineBankingOrder order) {
        return order.bankCodeIfChosen().isPresent() ? payerBank.handOver(handOver(merchant, order))
                : PayerPages.cashier(order);
    }

    /** The order behind a cashier page, if it can still be paid: 8901 unknown, 2007, 2006 or 1005. */
    public MerchantOrder waiting(String payToken) {
        return jdbi.withHandle(h -> {
            OnlineBankingOrder order = store.byPayToken(h, payToken).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
            requireWaiting(order);
            return new MerchantOrder(order, merchants.byId(h, order.merchantId()));
        });
    }

    /**
     * The payer's choice at the cashier, handed over to that bank: answers the address of the bank's page. 1200 when
     * the bank does not serve that kind of online banking.
     */
    public String chooseBank(String payToken, PayType type, String bankCode) {
        return jdbi.inTransaction(h -> {
            OnlineBankingOrder order = store.lockByPayToken(h, payToken).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
            requireWaiting(order);
            if (order.requestedPayTypeIfAny().filter(requested -> requested != type).isPresent()) {
                throw Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "pay_type");
            }
            Bank bank = banks.find(bankCode).filter(b -> b.offers(type))
                    .orElseThrow(() -> Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "bank_code"));
            store.setBank(h, order.id(), type, bank.bankCode(), clock.instant());
            return payerBank.handOver(handOver(merchants.byId(h, order.merchantId()), store.byId(h, order.id())));
        });
    }

    /**
     * The bank's answer for a waiting order, from its page or the sandbox control. Refused without a
     * write when the order is no longer waiting: 2007 paid, 2006 closed, 1005 declined.
     */
    public MerchantOrder complete(String payToken, boolean paid) {
        return jdbi.inTransaction(h -> {
            OnlineBankingOrder order = store.lockByPayToken(h, payToken).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
            requireWaiting(order);
            Merchant merchant = merchants.byId(h, order.merchantId());
            Instant now = clock.instant();
            Optional<OnlineBankingOrder> written = paid ? pay(h, merchant, order, now)
                    : store.markDeclined(h, order, OnlineBankingMessages.DECLINED_MEMO, now);
            return new MerchantOrder(written.orElseThrow(() -> new IllegalStateException(
                    "order " + order.id() + " changed while its row was locked")), merchant);
        });
    }

    @Override
    public Optional<PayerBankPayment> handedOver(String reference) {
        return jdbi.withHandle(h -> store.byPayToken(h, reference).map(order -> {
            requireWaiting(order);
            return handOver(merchants.byId(h, order.merchantId()), order);
        }));
    }

    @Override
    public PayerBankReturn answered(String reference, boolean paid) {
        OnlineBankingOrder order = complete(reference, paid).order();
        return new PayerBankReturn(order.status() == OnlineBankingStatus.SUCCESS,
                order.returnToken() != null ? PayerPages.returnToMerchant(order) : PayerPages.result(order));
    }

    /**
     * A visit to the return page: the order and, for the first visit only, the signed synchronous notification it
     * posts to url_return.
     */
    public record ReturnVisit(MerchantOrder order, Optional<LinkedHashMap<String, String>> syncReturn) {
    }

    /** Claims the return: only the first visit with a token may post; the claim commits before the page is sent. */
    public Optional<ReturnVisit> returnVisit(String returnToken) {
        record Claim(MerchantOrder order, boolean first) {
        }
        Optional<Claim> claim = jdbi.inTransaction(h -> {
            boolean first = store.claimReturn(h, returnToken, clock.instant());
            return store.byReturnToken(h, returnToken)
                    .map(order -> new Claim(new MerchantOrder(order, merchants.byId(h, order.merchantId())), first));
        });
        return claim.map(c -> new ReturnVisit(c.order(), c.first()
                ? Optional.of(messages.syncReturn(c.order().merchant().ref(), c.order().order()))
                : Optional.empty()));
    }

    /** Closes every waiting order whose {@code valid_order} has passed. */
    public int closeExpired() {
        return jdbi.withHandle(h -> store.closeExpired(h, OnlineBankingMessages.CLOSED_MEMO, clock.instant()));
    }

    /** The order behind a payer's page, whatever its state. */
    public Optional<MerchantOrder> byPayToken(String payToken) {
        return jdbi.withHandle(h -> store.byPayToken(h, payToken)
                .map(order -> new MerchantOrder(order, merchants.byId(h, order.merchantId()))));
    }

    /** A merchant's order by {@code no_order} and/or {@code oid_paybill}; 9092 when both are given and disagree. */
    public Optional<OnlineBankingOrder> find(long merchantId, Optional<String> noOrder, Optional<String> oidPaybill) {
        OrderLookup lookup = new OrderLookup(noOrder, oidPaybill);
        return lookup.pick(jdbi.withHandle(h -> store.named(h, merchantId, lookup)),
                OnlineBankingOrder::noOrder, OnlineBankingOrder::oidPaybill);
    }

    /**
     * The payment result query's answer (11 §4), not yet signed: the merchant's order as it stands now, with
     * {@code memo} and {@code bank_name} for {@code query_version} 1.1; none when the merchant has no such order, or
     * its {@code dt_order} is not {@code dtOrder}.
     */
    @Override
    public Optional<QueriedOrder> find(MerchantRef merchant, OrderLookup lookup, Optional<String> dtOrder,
                                       boolean withMemo) {
        return lookup.pick(jdbi.withHandle(h -> store.named(h, merchant.id(), lookup)),
                        OnlineBankingOrder::noOrder, OnlineBankingOrder::oidPaybill)
                .filter(o -> dtOrder.map(o.dtOrder()::equals).orElse(true))
                .map(order -> new QueriedOrder(order.createdAt(),
                        messages.queryReply(merchant, order, order.statusAt(clock.instant()), withMemo)));
    }

    @Override
    public List<RefundablePayment> lockNamed(Handle h, long merchantId, OrderLookup lookup) {
        return store.lockRefundable(h, merchantId, lookup, PRODUCT);
    }

    /** A merchant's latest orders, newest first, at most {@code limit}; none for an unknown merchant. */
    public List<OnlineBankingOrder> recent(String oidPartner, int limit) {
        return jdbi.withHandle(h -> merchants.idOf(h, oidPartner)
                .map(id -> store.recent(h, id, limit))
                .orElse(List.of()));
    }

    /** Orders whose {@code oid_paybill} or {@code no_order} is {@code reference}, of one merchant when given. */
    public List<OnlineBankingOrder> byReference(String reference, Optional<String> oidPartner) {
        return jdbi.withHandle(h -> {
            if (oidPartner.isEmpty()) {
                return store.byReference(h, reference, Optional.empty());
            }
            return merchants.idOf(h, oidPartner.get())
                    .map(id -> store.byReference(h, reference, Optional.of(id)))
                    .orElse(List.of());
        });
    }

    private OnlineBankingOrder resume(Handle h, long id, PaymentRequest request) {
        OnlineBankingOrder order = store.byId(h, id);
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
            store.setBank(h, id, request.payType().orElse(PayType.DEBIT), request.bankCode().get(), clock.instant());
        }
        return store.byId(h, id);
    }

    /**
     * Pays a waiting order: the payment, the notification and the merchant's receipt, in the caller's transaction.
     * Answers the order as paid; none when it no longer waited.
     */
    private Optional<OnlineBankingOrder> pay(Handle h, Merchant merchant, OnlineBankingOrder order, Instant now) {
        // A bank that does not send the payer back (ICBC) leaves nobody to carry the return to url_return.
        boolean returns = order.bankCodeIfChosen().flatMap(banks::find).map(Bank::returnsToMerchant).orElse(true);
        String returnToken = order.urlReturn() != null && returns ? token() : null;
        String settleDate = ledger.calendar().settleDate(now);
        long fee = merchant.feeRate().feeOn(order.moneyOrder());
        Optional<OnlineBankingOrder> written = store.markPaid(h, order, new OnlineBankingStore.Payment(
                order.payTypeIfKnown().orElse(PayType.DEBIT), settleDate, OnlineBankingMessages.PAID_MEMO, returnToken,
                fee, now));
        if (written.isEmpty()) {
            return written;
        }
        OnlineBankingOrder paid = written.get();
        notifier.enqueue(h, new OutgoingNotification(merchant.id(), PRODUCT, paid.oidPaybill(), paid.noOrder(),
                paid.status().resultPay(), paid.notifyUrl(), FlatJson.write(messages.notification(merchant.ref(), paid))));
        // Last, after the signing: the ledger's account rows are the most contended locks and are held until commit.
        receipts.receive(h, merchant.id(), new TransactionRef(OnlineBankingProduct.IDENTITY, order.id()),
                order.moneyOrder(), fee, settleDate);
        return written;
    }

    /** The order as its payer's bank is handed it. */
    private PayerBankPayment handOver(Merchant merchant, OnlineBankingOrder order) {
        Optional<Bank> bank = order.bankCodeIfChosen().flatMap(banks::find);
        return new PayerBankPayment(order.payToken(), order.moneyOrder(), bank.map(Bank::bankCode).orElse(null),
                bank.map(Bank::bankName).orElse(null), order.payTypeIfKnown().orElse(PayType.DEBIT).label(),
                bank.map(Bank::returnsToMerchant).orElse(true), merchant.name(), order.nameGoods(), order.noOrder(),
                order.oidPaybill(), PayerPages.cashier(order));
    }

    private void requireWaiting(OnlineBankingOrder order) {
        switch (order.statusAt(clock.instant())) {
            case SUCCESS -> throw Refusal.of(RetCode.ALREADY_PAID);
            case CLOSED -> throw Refusal.of(RetCode.EXPIRED);
            case FAILURE -> throw Refusal.of(RetCode.PAYMENT_FAILED);
            case WAITING -> { }
        }
    }

    /** 128 random bits: page addresses nobody can guess from an order number. */
    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
