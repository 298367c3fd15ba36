package io.llgate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merchant paid in CNY and in USD (an exchange payment posted through the ledger's recipe, as the exchange product
 * posts it): the balance query answers CNY as always and another currency when asked, the operator sees both, and
 * settlement settles each currency on its own.
 */
class CurrencyBalanceTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final AtomicLong PAYMENTS = new AtomicLong(900_000);
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestAdmin admin;
    static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
        books = new Books(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void theBalanceQueryAnswersCnyAsAlwaysAndAnotherCurrencyWhenAsked() {
        TestMerchant merchant = books.merchantWithFee(25);
        merchant.paidOnlineBankingOrder("88.80", receiver.url());
        // 31.68 USD at 6.6594 cost the payer 210.97 CNY; the merchant keeps 31.47 USD after a 0.21 USD fee.
        receiveExchange(merchant, 21_097, 3_168, 21);

        TestMerchant.Reply cny = merchant.plain("/traderAcctQuery.htm", "api_version", "1.1");
        assertThat(cny.signatureValid()).isTrue();
        assertThat(cny.fields()).containsEntry("ret_code", "0000").containsEntry("amt_balance", "0.00")
                .containsEntry("amt_unsettle", "88.58").doesNotContainKey("currency");

        TestMerchant.Reply usd = merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", "USD");
        assertThat(usd.signatureValid()).isTrue();
        assertThat(usd.fields()).containsEntry("ret_code", "0000").containsEntry("amt_balance", "0.00")
                .containsEntry("amt_unsettle", "31.47").containsEntry("currency", "USD");
        assertThat(merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", "CNY").fields())
                .containsEntry("amt_unsettle", "88.58").containsEntry("currency", "CNY");
        assertThat(merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", "EUR").fields())
                .containsEntry("ret_code", "0000").containsEntry("amt_unsettle", "0.00");

        // An empty optional field is an absent one (00 conventions): CNY.
        assertThat(merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", "").fields())
                .containsEntry("amt_unsettle", "88.58").doesNotContainKey("currency");
        for (String unsupported : List.of("XYZ", "usd", "CHF", "USDX")) {
            TestMerchant.Reply refused = merchant.plain("/traderAcctQuery.htm", "api_version", "1.1",
                    "currency", unsupported);
            assertThat(refused.retCode()).as(unsupported).isEqualTo("1004");
            assertThat(refused.fields().get("ret_msg")).as(unsupported).contains("currency");
        }

        JsonNode view = admin.get("/admin/merchants/" + merchant.oidPartner()).json();
        assertThat(view.get("amt_unsettle").asText()).isEqualTo("88.58");
        assertThat(view.get("balances")).extracting(b -> b.get("currency").asText() + " " + b.get("amt_balance").asText()
                + " " + b.get("amt_unsettle").asText() + " " + b.get("amt_reserved").asText())
                .containsExactly("CNY 0.00 88.58 0.00", "USD 0.00 31.47 0.00");
    }

    @Test
    void settlementSettlesEachCurrencyOnItsOwn() {
        TestMerchant merchant = books.merchantWithFee(25);
        merchant.paidOnlineBankingOrder("88.80", receiver.url());
        receiveExchange(merchant, 21_097, 3_168, 21);
        receiveExchange(merchant, 7_150, 1_000, 0);
        String day = gateway.jdbi().withHandle(h -> new Ledger(gateway.clock(), gateway.settings().businessCalendar())
                .settleDateNow());

        books.advance("P1DT5M");

        await().atMost(Duration.ofSeconds(20)).until(() -> usd(merchant).get("amt_balance").equals("41.47"));
        assertThat(usd(merchant).fields()).containsEntry("amt_unsettle", "0.00");
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "88.58").containsEntry("amt_unsettle", "0.00");
        List<JsonNode> settled = new ArrayList<>();
        admin.get("/admin/settlements?merchant=" + merchant.oidPartner()).json().get("settlements").forEach(settled::add);
        assertThat(settled).extracting(s -> s.get("settle_date").asText() + " " + s.get("currency").asText() + " "
                + s.get("amount").asText())
                .containsExactly(day + " CNY 88.58", day + " USD 41.47");
    }

    private static TestMerchant.Reply usd(TestMerchant merchant) {
        return merchant.plain("/traderAcctQuery.htm", "api_version", "1.1", "currency", "USD");
    }

    /** What the exchange product posts when a payer pays yuan for an order priced in dollars. */
    private static void receiveExchange(TestMerchant merchant, long paidFen, long creditedCents, long feeCents) {
        long merchantId = gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
        Ledger ledger = new Ledger(gateway.clock(), gateway.settings().businessCalendar());
        gateway.jdbi().useTransaction(h -> new PaymentReceipts(ledger).receiveExchange(h, merchantId,
                new TransactionRef(OnlineBankingProduct.IDENTITY, PAYMENTS.incrementAndGet()), Money.cny(paidFen),
                Money.of(creditedCents, USD), Money.of(feeCents, USD), ledger.settleDateNow()));
    }
}
