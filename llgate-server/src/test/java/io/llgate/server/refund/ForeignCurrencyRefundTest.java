package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.Products;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.RefundInstruction;
import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.RefundablePayment;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Balances;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds of a payment priced in another currency, through the real refund service, store, ledger and messages: the
 * amount is read in the order's currency, the merchant's balance in it pays, the payer gets yuan at the payment's
 * own rate, and the reply, the notification and the report row say so. The payment stands for the exchange
 * product's: its receipt is posted with the ledger's exchange recipe and the refund finds it through the
 * refundable-payments port, as any product's.
 */
class ForeignCurrencyRefundTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Instant PAID_AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final String PRODUCT = OnlineBankingProduct.IDENTITY.name();
    private static final AtomicLong IDS = new AtomicLong();
    private static final List<RefundablePayment> PAYMENTS = Collections.synchronizedList(new ArrayList<>());
    private static final List<RefundInstruction> BANK = Collections.synchronizedList(new ArrayList<>());
    private static final List<OutgoingNotification> SENT = Collections.synchronizedList(new ArrayList<>());
    private static Database database;
    private static Ledger ledger;
    private static Merchants merchants;
    private static RefundStore store;
    private static RefundMessages messages;
    private static Refunds refunds;
    private static KeyPair gatewayKeys;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabases.fresh());
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), BusinessCalendar.ZONE);
        ledger = new Ledger(clock, BusinessCalendar.midnight());
        merchants = new Merchants(database.jdbi(), ledger, clock, Products.catalogue());
        store = new RefundStore();
        gatewayKeys = RsaKeys.generate(1024);
        messages = new RefundMessages(new GatewayKeys(gatewayKeys.getPrivate(), gatewayKeys.getPublic()));
        RefundablePayments product = (h, merchantId, lookup) -> PAYMENTS.stream()
                .filter(p -> lookup.noOrder().map(p.noOrder()::equals).orElse(true))
                .toList();
        refunds = new Refunds(database.jdbi(), clock, ledger, new RecordingBank(), (h, n) -> {
            SENT.add(n);
            return SENT.size();
        }, merchants, store, messages, () -> List.of(product));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aDollarPaymentIsRefundedInDollarsAndThePayerGetsYuanAtItsRate() throws Exception {
        Merchant m = merchant();
        // 31.68 USD at 6.6594 CNY per dollar: the payer paid 210.97 CNY, the merchant keeps 31.47 USD after 0.21.
        ExchangeRate rate = new ExchangeRate(42, USD, new BigDecimal("6.6594"), PAID_AT.minusSeconds(3600), null);
        pay(m, "EX-USD", 21_097, Money.of(3_168, USD), Money.of(21, USD), rate);

        Refund first = refunds.apply(m.ref(), request("R1", "EX-USD", 1_000));
        assertThat(first.currency()).isEqualTo(USD);
        assertThat(first.feeRefund()).isEqualTo(7);
        assertThat(first.moneyPay()).isEqualTo(6_659);
        assertThat(BANK).last().isEqualTo(new RefundInstruction(first.oidRefundno(), "PB-EX-USD", 6_659));
        assertThat(usd(m)).isEqualTo(new Balances(0, 3_147 - 993, 993));
        assertThat(cny(m)).isEqualTo(new Balances(0, 0, 0));
        assertThat(messages.reply(first, m.ref())).containsEntry("money_refund", "10.00")
                .containsEntry("money_foreign_refund", "10.00").containsEntry("rate", "6.6594")
                .containsEntry("rate_id", "42");

        database.jdbi().useTransaction(h -> refunds.onRefundResult(h, first.oidRefundno(), true));
        assertThat(usd(m)).isEqualTo(new Balances(0, 2_154, 0));
        LinkedHashMap<String, String> notified = FlatJson.parse(SENT.get(SENT.size() - 1).body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(MessageSignature.verify(gatewayKeys.getPublic(), SignType.RSA, notified).valid()).isTrue();
        assertThat(notified).containsEntry("money_refund", "10.00").containsEntry("money_foreign_refund", "10.00")
                .containsEntry("rate", "6.6594").containsEntry("rate_id", "42").containsEntry("sta_refund", "2");
        List<String> postings = database.jdbi().withHandle(h -> ledger.entriesOf(h,
                RefundPostings.reference(first.id()))).stream()
                .filter(e -> e.kind().equals("REFUND"))
                .flatMap(e -> e.postings().stream()).map(l -> l.account() + " " + l.money()).toList();
        assertThat(postings).containsExactlyInAnyOrder("merchant:" + m.oidPartner() + ":RESERVED:USD -9.93 USD",
                "gateway:FEES:USD -0.07 USD", "gateway:EXCHANGE:USD 10.00 USD", "gateway:EXCHANGE -66.59 CNY",
                "gateway:BANK_REFUNDS 66.59 CNY");

        // The refund that completes the payment gives back what is left of the fee and of the payer's yuan.
        Refund rest = refunds.apply(m.ref(), request("R2", "EX-USD", 2_168));
        assertThat(rest.feeRefund()).isEqualTo(14);
        assertThat(rest.moneyPay()).isEqualTo(21_097 - 6_659);
        database.jdbi().useTransaction(h -> refunds.onRefundResult(h, rest.oidRefundno(), true));
        assertThat(usd(m)).isEqualTo(new Balances(0, 0, 0));
        assertThatThrownBy(() -> refunds.apply(m.ref(), request("R3", "EX-USD", 1)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo(RetCode.REFUNDS_EXCEED_ORIGINAL));

        List<ReportRow> rows = database.jdbi().withHandle(h -> new RefundReportRows(store, Products.catalogue())
                .rows(h, m.id(), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21)));
        assertThat(rows).extracting(r -> r.currency() + " " + r.amount() + " " + r.fee() + " " + r.moneyPay() + " "
                + r.exchangeRate())
                .containsExactlyInAnyOrder("USD 1000 7 6659 6.6594", "USD 2168 14 14438 6.6594");
    }

    @Test
    void aYenPaymentIsRefundedInWholeYenOnlyAndFromYenOnly() {
        Merchant m = merchant();
        ExchangeRate rate = new ExchangeRate(43, JPY, new BigDecimal("0.0478"), PAID_AT.minusSeconds(3600), null);
        // 1,000 yen at 0.0478: 47.80 CNY; the merchant keeps 997 yen after a 3 yen fee.
        pay(m, "EX-JPY", 4_780, Money.of(100_000, JPY), Money.of(300, JPY), rate);

        assertThatThrownBy(() -> refunds.apply(m.ref(), request("Y1", "EX-JPY", 10_050)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo(RetCode.REFUND_AMOUNT_WRONG));
        assertThatThrownBy(() -> refunds.apply(m.ref(), request("Y2", "EX-JPY", 100_100)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo(RetCode.REFUND_AMOUNT_WRONG));

        Refund part = refunds.apply(m.ref(), request("Y3", "EX-JPY", 33_300));
        // A third of a 3 yen fee is 1 yen: fees are given back in whole yen too.
        assertThat(part.feeRefund()).isEqualTo(100);
        assertThat(part.moneyPay()).isEqualTo(1_592);
        assertThat(messages.reply(part, m.ref())).containsEntry("money_refund", "333.00").containsEntry("rate", "0.0478");

        // The merchant's yuan never pay for yen: with its yen reserved, a refund larger than what is left is refused.
        database.jdbi().useTransaction(h -> ledger.topUp(h, m.ref(), 1_000_000, "cny-only"));
        database.jdbi().useTransaction(h -> refunds.onRefundResult(h, part.oidRefundno(), true));
        // As if the yen left had been paid out: only the yuan remain.
        database.jdbi().useHandle(h -> h.execute("UPDATE ledger_account SET balance = 0 WHERE currency = 'JPY' "
                + "AND merchant_id = ? AND kind = 'UNSETTLED'", m.id()));
        assertThatThrownBy(() -> refunds.apply(m.ref(), request("Y4", "EX-JPY", 10_000)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo(RetCode.INSUFFICIENT_BALANCE));
    }

    private static void pay(Merchant m, String noOrder, long paidFen, Money order, Money fee, ExchangeRate rate) {
        long id = IDS.incrementAndGet();
        database.jdbi().useTransaction(h -> new PaymentReceipts(ledger).receiveExchange(h, m.id(),
                new TransactionRef(OnlineBankingProduct.IDENTITY, id), Money.cny(paidFen), order, fee, "20261120"));
        PAYMENTS.add(new RefundablePayment(PRODUCT, id, noOrder, "PB-" + noOrder, "20261120095800", order.minor(),
                fee.minor(), true, PAID_AT, "109001", "D", "goods", order.currency(), rate));
    }

    private static RefundRequest request(String noRefund, String noOrder, long amount) {
        return new RefundRequest(noRefund + "-" + IDS.incrementAndGet(), "20261121110000", amount,
                Optional.of(noOrder), Optional.empty(), Optional.empty(), "http://127.0.0.1:9/notify");
    }

    private static Balances usd(Merchant m) {
        return database.jdbi().withHandle(h -> ledger.balances(h, m.id(), USD));
    }

    private static Balances cny(Merchant m) {
        return database.jdbi().withHandle(h -> ledger.balances(h, m.id()));
    }

    private static Merchant merchant() {
        String oid = String.format("2096%014d", IDS.incrementAndGet());
        return merchants.add(new NewMerchant(oid, "shop", RsaKeys.pem(RsaKeys.generate(1024).getPublic()),
                Products.catalogue().granted(), IpAllowList.any(), 0));
    }

    /** The bank: it keeps the refunds it is handed; the test answers them. */
    private static final class RecordingBank implements BankChannel {
        @Override
        public boolean isSandbox() {
            return true;
        }

        @Override
        public PayeeCheck checkPayee(String cardNo, String acctName) {
            return PayeeCheck.MATCH;
        }

        @Override
        public void submitPayout(Handle h, PayoutInstruction instruction) {
            throw new UnsupportedOperationException("no payouts here");
        }

        @Override
        public void submitRefund(Handle h, RefundInstruction instruction) {
            BANK.add(instruction);
        }
    }
}
