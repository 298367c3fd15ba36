package io.llgate.server.ledger;

import io.llgate.server.Products;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RetCode;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.PayoutInstruction;
import io.llgate.server.bank.Payee;
import io.llgate.server.bank.PayoutResult;
import io.llgate.server.bank.RefundInstruction;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.instantpay.InstantPaymentRules;
import io.llgate.server.instantpay.InstantPayments;
import io.llgate.server.instantpay.PayoutApplication;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import io.llgate.server.merchant.TopUpReference;
import io.llgate.server.notify.NotificationOutbox;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.sandbox.SandboxClock;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Handle;

/**
 * Random sequences of payouts, bank outcomes, reversals, top-ups and expiring confirmations, run through
 * the real payout state machine and ledger: every entry balances, no merchant account goes negative,
 * and the merchant's money is always accounted for. Only the bank is stood in for: it records payouts
 * and the sequence decides their results.
 */
class LedgerPropertyTest {
    private static final AtomicLong IDS = new AtomicLong();
    private static Database database;
    private static SandboxClock clock;
    private static Ledger ledger;
    private static Merchants merchants;
    private static InstantPayments payments;
    private static final RecordingBank BANK = new RecordingBank();

    /** The stand-in bank: it keeps the payouts it was handed; the property decides how each ends. */
    static final class RecordingBank implements BankChannel {
        final List<String> submitted = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean isSandbox() {
            return true;
        }

        @Override
        public PayeeCheck checkPayee(String cardNo, String acctName) {
            return cardNo.endsWith("0004") ? PayeeCheck.MISMATCH : PayeeCheck.MATCH;
        }

        @Override
        public void submitPayout(Handle h, PayoutInstruction instruction) {
            submitted.add(instruction.reference());
        }

        @Override
        public void submitRefund(Handle h, RefundInstruction instruction) {
            throw new UnsupportedOperationException("this property makes no refunds");
        }
    }

    @BeforeContainer
    static void open() {
        database = Database.open(TestDatabases.fresh());
        clock = new SandboxClock(Clock.systemUTC());
        ledger = new Ledger(clock, BusinessCalendar.midnight());
        merchants = new Merchants(database.jdbi(), ledger, clock, Products.catalogue());
        KeyPair gatewayKeys = RsaKeys.generate(1024);
        NotificationOutbox outbox = new NotificationOutbox(clock, NotifyPolicy.lianLian(), () -> { });
        payments = new InstantPayments(database.jdbi(), clock, ledger, merchants, BANK, outbox, new CardVault(new byte[32]),
                new GatewayKeys(gatewayKeys.getPrivate(), gatewayKeys.getPublic()), InstantPaymentRules.lianLian());
    }

    @AfterContainer
    static void close() {
        database.close();
    }

    /** One step of a merchant's day. */
    sealed interface Step permits Apply, BankAnswer, TopUp, Expire {
    }

    record Apply(long fen, String cardSuffix) implements Step {
    }

    /** The bank's answer for the n-th payout handed over so far (modulo their number). */
    record BankAnswer(int which, PayoutResult result) implements Step {
    }

    record TopUp(long fen) implements Step {
    }

    record Expire() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> days() {
        Arbitrary<Step> apply = Arbitraries.longs().between(1, 60_000)
                .flatMap(fen -> Arbitraries.of("1111", "2222", "0004", "3333").map(card -> new Apply(fen, card)));
        Arbitrary<Step> answer = Arbitraries.integers().between(0, 50)
                .flatMap(n -> Arbitraries.of(PayoutResult.class).map(r -> new BankAnswer(n, r)));
        Arbitrary<Step> topUp = Arbitraries.longs().between(1, 30_000).map(TopUp::new);
        Arbitrary<Step> expire = Arbitraries.just(new Expire());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, apply), net.jqwik.api.Tuple.of(5, answer),
                net.jqwik.api.Tuple.of(1, topUp), net.jqwik.api.Tuple.of(1, expire))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 60)
    void everyEntryBalancesAndNoMoneyIsLostOrMade(@ForAll("days") List<Step> day) {
        String oid = String.format("2099%014d", IDS.incrementAndGet());
        long opening = 100_000;
        Merchant merchant = merchants.add(new NewMerchant(oid, "property", RsaKeys.pem(RsaKeys.generate(1024).getPublic()),
                Products.catalogue().granted(), IpAllowList.any(), opening));
        long funded = opening;
        List<String> mine = new ArrayList<>();
        int before = BANK.submitted.size();
        int orders = 0;
        for (Step step : day) {
            switch (step) {
                case Apply a -> {
                    String card = "62220200" + String.format("%04d", orders) + a.cardSuffix();
                    try {
                        payments.apply(merchant.ref(), new PayoutApplication("P" + orders++, "20240612093015", a.fen(), "0",
                                Payee.personal(), card, "李明", "info", "memo", "http://127.0.0.1:9/n", "1.0"));
                    } catch (Refusal e) {
                        assertThat(e.code()).isEqualTo(RetCode.INSUFFICIENT_BALANCE);
                    }
                }
                case BankAnswer b -> {
                    mine.clear();
                    mine.addAll(BANK.submitted.subList(before, BANK.submitted.size()));
                    if (!mine.isEmpty()) {
                        String reference = mine.get(b.which() % mine.size());
                        database.jdbi().useTransaction(h -> payments.onPayoutResult(h, reference, b.result()));
                    }
                }
                case TopUp t -> {
                    merchants.topUp(oid, t.fen(), TopUpReference.operator("t" + orders++));
                    funded += t.fen();
                }
                case Expire e -> {
                    clock.advance(Duration.ofHours(25));
                    payments.closeExpiredChecks();
                }
            }
            assertInvariants(oid, funded);
        }
    }

    private static void assertInvariants(String oid, long funded) {
        database.jdbi().useHandle(h -> {
            assertThat(h.createQuery("""
                    SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_posting GROUP BY entry_id HAVING SUM(amount) <> 0) x""")
                    .mapTo(Long.class).one()).as("entries whose postings do not sum to zero").isZero();
            assertThat(h.createQuery("SELECT COUNT(*) FROM ledger_account WHERE NOT may_go_negative AND balance < 0")
                    .mapTo(Long.class).one()).as("merchant accounts below zero").isZero();
            assertThat(h.createQuery("""
                    SELECT (SELECT COALESCE(SUM(balance), 0) FROM ledger_account WHERE merchant_id IS NOT NULL)
                         + (SELECT COALESCE(SUM(p.amount), 0) FROM ledger_posting p
                            JOIN ledger_account a ON a.id = p.account_id WHERE a.merchant_id IS NULL)""")
                    .mapTo(Long.class).one()).as("merchant balances plus the gateway accounts' postings").isZero();
            assertThat(h.createQuery("""
                    SELECT COUNT(*) FROM ledger_account a
                    WHERE a.merchant_id IS NOT NULL
                      AND a.balance <> (SELECT COALESCE(SUM(p.amount), 0) FROM ledger_posting p WHERE p.account_id = a.id)""")
                    .mapTo(Long.class).one()).as("merchant accounts whose balance differs from their postings").isZero();
            assertThat(h.createQuery("SELECT COUNT(*) FROM ledger_account WHERE merchant_id IS NULL AND balance <> 0")
                    .mapTo(Long.class).one()).as("gateway accounts with a running balance").isZero();

            Balances b = ledger.balances(h, merchants.find(oid).orElseThrow().id());
            long inFlight = sum(h, oid, "'PROCESSING', 'CHECK'");
            long paidOut = sum(h, oid, "'SUCCESS'");
            assertThat(b.reserved()).as("reserved = payouts in flight").isEqualTo(inFlight);
            assertThat(b.available() + b.reserved() + paidOut).as("available + reserved + paid out = funded")
                    .isEqualTo(funded);
        });
    }

    private static long sum(Handle h, String oid, String statuses) {
        return h.createQuery("SELECT COALESCE(SUM(p.money_order), 0) FROM instant_payment p JOIN merchant m "
                        + "ON m.id = p.merchant_id WHERE m.oid_partner = :oid AND p.status IN (" + statuses + ")")
                .bind("oid", oid).mapTo(Long.class).one();
    }
}
