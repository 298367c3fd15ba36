package io.llgate.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.Products;
import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Account;
import io.llgate.server.ledger.AccountKind;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.ledger.Posting;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.merchant.RefundPaybillColumn;
import io.llgate.server.merchant.ReportLayout;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A payment priced in dollars and its partial refund in the report files and in reconciliation: the lines carry the
 * order's currency, the yuan the payer paid and the rate; the summary counts yuan; and reconciliation matches each
 * row with the ledger's postings in dollars and in yuan, and catches a row that disagrees with either.
 */
class ForeignCurrencyReportTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final String SETTLE_DATE = "20261120";
    private static final AtomicLong IDS = new AtomicLong();
    private static Database database;
    private static Ledger ledger;
    private static Merchants merchants;
    private static final List<ReportRow> ROWS = new ArrayList<>();
    private static Reconciliation reconciliation;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabases.fresh());
        BusinessCalendar calendar = BusinessCalendar.midnight();
        Clock duringTheDay = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), BusinessCalendar.ZONE);
        ledger = new Ledger(duringTheDay, calendar);
        Clock afterTheDay = Clock.fixed(calendar.end(DAY).plusSeconds(600), BusinessCalendar.ZONE);
        merchants = new Merchants(database.jdbi(), ledger, duringTheDay, Products.catalogue());
        // The rows a product would contribute: the test decides them, as the exchange product will.
        ReportFiles files = new ReportFiles(database.jdbi(), afterTheDay, calendar, LocalTime.of(9, 0), merchants,
                List.of((h, merchantId, from, to) -> List.copyOf(ROWS)));
        reconciliation = new Reconciliation(database.jdbi(), afterTheDay, ledger, merchants, files);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void detailLinesCarryTheOrdersCurrencyThePayersYuanAndTheRate() {
        ReportRow payment = payment("exchange:1", 3_168, 21, 21_097);
        ReportRow refund = refund("refund:1", 1_000, 7, 6_659);

        assertThat(String.join("|", ReportFormat.columns("201900000000000001", RefundPaybillColumn.NO_ORDER, payment)))
                .isEqualTo("EX1|201900000000000001|20261120 09:58:00|109001|2026112000000001|20261120|USD|31.68|CNY|"
                        + "210.97|USD|31.47|6.6594|0|20261120 10:00:00|0.21|5|D|goods");
        assertThat(String.join("|", ReportFormat.columns("201900000000000001", RefundPaybillColumn.NO_ORDER, refund)))
                .isEqualTo("EX1|201900000000000001|20261120 09:58:00|109001|EX1|20261120|USD|-10.00|CNY|"
                        + "-66.59|USD|-9.93|6.6594|5|20261120 11:00:00|-0.07|5|D|goods");
        ReportRow yuan = new ReportRow(ReportRow.Kind.PAYMENT, "online-banking:2", "OB2", "20261120095800", "101001",
                "2026112000000002", SETTLE_DATE, 8_880, 22, Instant.parse("2026-11-20T02:00:00Z"),
                OnlineBankingProduct.IDENTITY.reportCode(), "1", null, null, null);
        assertThat(String.join("|", ReportFormat.columns("201900000000000001", RefundPaybillColumn.NO_ORDER, yuan)))
                .contains("|CNY|88.80|CNY|88.80|CNY|88.80|1.00|0|");
        // The summary's totals are yuan: what payers paid and got back.
        assertThat(ReportFormat.summary(ReportLayout.DOC, List.of(payment, refund, yuan))).isEqualTo("3|2|299.77|1|-66.59|0|\n");
    }

    @Test
    void reconciliationMatchesEachCurrencyWithTheLedgerAndCatchesADisagreement() {
        Merchant m = merchant();
        TransactionRef paid = new TransactionRef(OnlineBankingProduct.IDENTITY, 500 + IDS.incrementAndGet());
        TransactionRef refunded = new TransactionRef(OnlineBankingProduct.IDENTITY, 900 + IDS.incrementAndGet());
        database.jdbi().useTransaction(h -> {
            new PaymentReceipts(ledger).receiveExchange(h, m.id(), paid, Money.cny(21_097), Money.of(3_168, USD),
                    Money.of(21, USD), SETTLE_DATE);
            // A refund of 10.00 USD giving back 0.07 USD of fee, paid back as 66.59 CNY, as refunds post it.
            ledger.post(h, EntryKind.REFUND, refunded, SETTLE_DATE, List.of(
                    new Posting(Account.merchant(m.id(), AccountKind.UNSETTLED), Money.of(-993, USD)),
                    new Posting(Account.gateway(AccountKind.FEES), Money.of(-7, USD)),
                    new Posting(Account.gateway(AccountKind.EXCHANGE), Money.of(1_000, USD)),
                    new Posting(Account.gateway(AccountKind.EXCHANGE), Money.cny(-6_659)),
                    new Posting(Account.gateway(AccountKind.BANK_REFUNDS), Money.cny(6_659))));
        });

        rows(payment(paid.text(), 3_168, 21, 21_097), refund(refunded.text(), 1_000, 7, 6_659));
        Reconciliation.MerchantCheck clean = check(m);
        assertThat(clean.differences()).isEmpty();
        assertThat(clean.orderRows()).isEqualTo(2);
        assertThat(clean.ledgerEntries()).isEqualTo(2);

        // The payer was charged one fen more than the ledger received in yuan.
        rows(payment(paid.text(), 3_168, 21, 21_098), refund(refunded.text(), 1_000, 7, 6_659));
        assertThat(check(m).differences()).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(Reconciliation.Category.AMOUNT_MISMATCH);
            assertThat(d.detail()).isEqualTo("the ledger moved 210.97 CNY with the payer's bank, the payment 210.98 CNY");
        });

        // The refund's dollars disagree with the ledger's.
        rows(payment(paid.text(), 3_168, 21, 21_097), refund(refunded.text(), 1_001, 7, 6_659));
        assertThat(check(m).differences()).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(Reconciliation.Category.AMOUNT_MISMATCH);
            assertThat(d.detail()).isEqualTo("the ledger moved 10.00 USD, the refund is 10.01 USD");
        });

        // A row in another currency than the ledger moved.
        rows(with(payment(paid.text(), 3_168, 21, 21_097), Currency.getInstance("EUR")),
                refund(refunded.text(), 1_000, 7, 6_659));
        assertThat(check(m).differences()).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(Reconciliation.Category.CURRENCY_MISMATCH);
            assertThat(d.detail()).isEqualTo("the ledger moved USD, the payment is in EUR");
        });
    }

    @Test
    void reconciliationReadsThePublishedLinesCurrencyColumns() {
        ReportRow payment = payment("exchange:1", 3_168, 21, 21_097);
        List<String> line = new ArrayList<>(ReportFormat.columns("201900000000000001", RefundPaybillColumn.NO_ORDER,
                payment));
        UnaryOperator<String> asFile = text -> ReportFormat.HEADER + "\n" + text + "\n";
        assertThat(ReportFormat.parse(asFile.apply(String.join("|", line))).problems()).isEmpty();
        line.set(6, "EUR");
        ReportFormat.Line read = ReportFormat.parse(asFile.apply(String.join("|", line))).lines().get(0);
        assertThat(read.at().currencies()).contains(7);
        assertThat(read.column(7)).isEqualTo("EUR");
        assertThat(read.column(13)).isEqualTo("6.6594");
    }

    private static Reconciliation.MerchantCheck check(Merchant m) {
        return reconciliation.check(DAY, Optional.of(m)).merchants().get(0);
    }

    private static void rows(ReportRow... rows) {
        ROWS.clear();
        ROWS.addAll(List.of(rows));
    }

    private static ReportRow payment(String reference, long cents, long fee, long fen) {
        return new ReportRow(ReportRow.Kind.PAYMENT, reference, "EX1", "20261120095800", "109001", "2026112000000001",
                SETTLE_DATE, cents, fee, Instant.parse("2026-11-20T02:00:00Z"),
                new ProductIdentity.ReportCode("5", "exchange"), "D", "goods", null, null, USD, fen,
                "6.6594");
    }

    private static ReportRow refund(String reference, long cents, long fee, long fen) {
        return new ReportRow(ReportRow.Kind.REFUND, reference, "EX1", "20261120095800", "109001", "2026112000000001",
                SETTLE_DATE, cents, fee, Instant.parse("2026-11-20T03:00:00Z"),
                new ProductIdentity.ReportCode("5", "exchange"), "D", "goods", "2026112000000009", null,
                USD, fen, "6.6594");
    }

    private static ReportRow with(ReportRow r, Currency currency) {
        return new ReportRow(r.kind(), r.ledgerReference(), r.noOrder(), r.dtOrder(), r.busiPartner(), r.oidPaybill(),
                r.settleDate(), r.amount(), r.fee(), r.updatedAt(), r.payProduct(), r.payType(), r.infoOrder(),
                r.refundNumber(), r.payeeBankCode(), currency, r.moneyPay(), r.exchangeRate());
    }

    private static Merchant merchant() {
        String oid = String.format("2097%014d", IDS.incrementAndGet());
        return merchants.add(new NewMerchant(oid, "shop", RsaKeys.pem(RsaKeys.generate(1024).getPublic()),
                Products.catalogue().granted(), IpAllowList.any(), 0));
    }
}
