package io.llgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.Products;
import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger keeps each currency apart: an entry balances in each currency, an account in a currency is opened by
 * its first posting (also by two at once), a balance in one currency never pays for another, and reconciliation's
 * movements come out in their own currency.
 */
class LedgerCurrencyTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final AtomicLong IDS = new AtomicLong();
    private static Database database;
    private static Ledger ledger;
    private static PaymentReceipts receipts;
    private static Merchants merchants;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabases.fresh());
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), BusinessCalendar.ZONE);
        ledger = new Ledger(clock, BusinessCalendar.midnight());
        receipts = new PaymentReceipts(ledger);
        merchants = new Merchants(database.jdbi(), ledger, clock, Products.catalogue());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void anExchangeReceiptPostsEachCurrencyToItsOwnAccounts() {
        Merchant m = merchant(10_000);
        TransactionRef payment = payment();
        database.jdbi().useTransaction(h -> receipts.receiveExchange(h, m.id(), payment, Money.cny(21_097),
                Money.of(3_168, USD), Money.of(21, USD), "20261120"));

        database.jdbi().useHandle(h -> {
            assertThat(ledger.balances(h, m.id())).isEqualTo(new Balances(10_000, 0, 0));
            assertThat(ledger.balances(h, m.id(), USD)).isEqualTo(new Balances(0, 3_147, 0));
            assertThat(ledger.balances(h, m.id(), EUR)).isEqualTo(new Balances(0, 0, 0));
            assertThat(ledger.currencies(h, m.id())).containsExactly(Money.CNY, USD);
            assertThat(ledger.entriesOf(h, payment)).singleElement().satisfies(entry -> assertThat(entry.postings())
                    .extracting(l -> l.account() + " " + l.money())
                    .containsExactlyInAnyOrder("gateway:BANK_RECEIPTS -210.97 CNY", "gateway:EXCHANGE 210.97 CNY",
                            "gateway:EXCHANGE:USD -31.68 USD", "gateway:FEES:USD 0.21 USD",
                            "merchant:" + m.oidPartner() + ":UNSETTLED:USD 31.47 USD"));
            // Every entry balances in each of its currencies.
            assertThat(h.createQuery("""
                    SELECT COUNT(*) FROM (SELECT p.entry_id, a.currency FROM ledger_posting p
                    JOIN ledger_account a ON a.id = p.account_id GROUP BY p.entry_id, a.currency
                    HAVING SUM(p.amount) <> 0) x""").mapTo(Integer.class).one()).isZero();
            assertThat(ledger.movements(h, m.id(), "20261120")).singleElement().isEqualTo(new Movement(
                    EntryKind.PAYMENT_RECEIPT, payment.text(), "20261120", 3_168, 21, USD, 21_097));
        });
    }

    @Test
    void postingsThatBalanceOnlyAcrossCurrenciesAreRefused() {
        Merchant m = merchant(10_000);
        assertThatThrownBy(() -> database.jdbi().useTransaction(h -> ledger.post(h, EntryKind.PAYMENT_RECEIPT,
                payment(), List.of(
                        new Posting(Account.gateway(AccountKind.BANK_RECEIPTS), Money.cny(-100)),
                        new Posting(Account.merchant(m.id(), AccountKind.UNSETTLED), Money.of(100, USD))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CNY");
        database.jdbi().useHandle(h -> assertThat(ledger.currencies(h, m.id())).containsExactly(Money.CNY));
    }

    @Test
    void aBalanceInOneCurrencyNeverPaysForAnother() {
        Merchant m = merchant(10_000);
        database.jdbi().useTransaction(h -> receipts.receiveExchange(h, m.id(), payment(), Money.cny(7_150),
                Money.of(1_000, USD), Money.of(0, USD), "20261120"));
        // 100.00 CNY available and 10.00 USD unsettled: 10.01 USD is more than the merchant has in dollars.
        assertThatThrownBy(() -> database.jdbi().useTransaction(h -> ledger.post(h, Ledger.TOPUP, payment(), List.of(
                new Posting(Account.merchant(m.id(), AccountKind.UNSETTLED), Money.of(-1_001, USD)),
                new Posting(Account.merchant(m.id(), AccountKind.RESERVED), Money.of(1_001, USD))))))
                .isInstanceOf(InsufficientFundsException.class);
        // A first posting that takes money out of a currency the merchant never held is refused too.
        assertThatThrownBy(() -> database.jdbi().useTransaction(h -> ledger.post(h, Ledger.TOPUP, payment(), List.of(
                new Posting(Account.merchant(m.id(), AccountKind.AVAILABLE), Money.of(-100, JPY)),
                new Posting(Account.gateway(AccountKind.FUNDING), Money.of(100, JPY))))))
                .isInstanceOf(InsufficientFundsException.class);
        database.jdbi().useTransaction(h -> ledger.post(h, Ledger.TOPUP, payment(), List.of(
                new Posting(Account.merchant(m.id(), AccountKind.UNSETTLED), Money.of(-1_000, USD)),
                new Posting(Account.merchant(m.id(), AccountKind.RESERVED), Money.of(1_000, USD)))));
        database.jdbi().useHandle(h -> {
            assertThat(ledger.balances(h, m.id(), USD)).isEqualTo(new Balances(0, 0, 1_000));
            assertThat(ledger.balances(h, m.id())).isEqualTo(new Balances(10_000, 0, 0));
            assertThat(ledger.currencies(h, m.id())).containsExactly(Money.CNY, USD);
        });
    }

    @Test
    void firstPostingsInACurrencyAtOnceAllSucceedOnOneAccount() throws Exception {
        List<Merchant> shops = List.of(merchant(0), merchant(0));
        Currency currency = Currency.getInstance("SGD");
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Merchant m = shops.get(i % 2);
                Callable<Void> pay = () -> {
                    database.jdbi().useTransaction(h -> {
                        start.await(10, TimeUnit.SECONDS);
                        receipts.receiveExchange(h, m.id(), payment(), Money.cny(5_300), Money.of(1_000, currency),
                                Money.of(10, currency), "20261120");
                    });
                    return null;
                };
                done.add(pool.submit(pay));
            }
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        database.jdbi().useHandle(h -> {
            for (Merchant m : shops) {
                assertThat(ledger.balances(h, m.id(), currency)).isEqualTo(new Balances(0, 4 * 990, 0));
            }
            Map<String, Object> accounts = h.createQuery("""
                    SELECT COUNT(*) AS n, COUNT(DISTINCT account_key) AS keys FROM ledger_account
                    WHERE currency = 'SGD'""").mapToMap().one();
            // One unsettled account per merchant, and the gateway's exchange and fee accounts: no duplicate.
            assertThat(((Number) accounts.get("n")).intValue()).isEqualTo(4);
            assertThat(((Number) accounts.get("keys")).intValue()).isEqualTo(4);
        });
    }

    private static Merchant merchant(long opening) {
        String oid = String.format("2098%014d", IDS.incrementAndGet());
        return merchants.add(new NewMerchant(oid, "shop", RsaKeys.pem(RsaKeys.generate(1024).getPublic()),
                Products.catalogue().granted(), IpAllowList.any(), opening));
    }

    private static TransactionRef payment() {
        return new TransactionRef(OnlineBankingProduct.IDENTITY, 1_000_000 + IDS.incrementAndGet());
    }
}
