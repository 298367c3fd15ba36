package io.llgate.server.onlinebanking;

import static io.llgate.server.onlinebanking.BankGatewayForms.assertErrorPage;
import static io.llgate.server.onlinebanking.BankGatewayForms.cashierAction;
import static io.llgate.server.onlinebanking.BankGatewayForms.post;
import static io.llgate.server.onlinebanking.BankGatewayForms.writesNothing;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An order's life: repeated posts, reopened pages, banks that do not return, expiry, the sandbox control. */
class OnlineBankingOrdersTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static PageClient payer;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        payer = new PageClient(gateway);
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    private static LinkedHashMap<String, String> form(TestMerchant merchant) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("66.60", receiver.url("/notify"));
        form.put("url_return", receiver.url("/return"));
        return form;
    }

    private static String pay(Page posted, String bank, String decision) {
        String bankPath = posted.location();
        if (bankPath.startsWith("/payment/cashier/")) {
            bankPath = payer.postForm(bankPath, Map.of("bank", bank), StandardCharsets.UTF_8).location();
        }
        payer.postForm(bankPath, Map.of("decision", decision), StandardCharsets.UTF_8);
        return bankPath;
    }

    @Test
    void postingTheSameWaitingOrderAgainResumesIt() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);

        Page first = post(payer, merchant, form);
        Page again = writesNothing(gateway, () -> post(payer, merchant, form));

        assertThat(again.location()).isEqualTo(first.location()).startsWith("/payment/cashier/");
    }

    @Test
    void postingTheSameOrderNumberWithAnotherAmountIsADuplicate() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        post(payer, merchant, form);
        form.put("money_order", "66.61");

        assertErrorPage(writesNothing(gateway, () -> post(payer, merchant, form)), "1002", "第三方单号重复", "no_order");
    }

    @Test
    void aPaidOrderCannotBePostedOrPaidAgain() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        Page posted = post(payer, merchant, form);
        String cashier = posted.location();
        String bank = pay(posted, "1:01050000", "approve");

        assertErrorPage(writesNothing(gateway, () -> post(payer, merchant, form)), "2007", "交易已支付成功", "no_order");
        assertErrorPage(payer.get(cashier), "2007", "交易已支付成功", null);
        assertErrorPage(payer.get(bank), "2007", "交易已支付成功", null);
        assertErrorPage(writesNothing(gateway, () -> payer.postForm(bank, Map.of("decision", "approve"),
                StandardCharsets.UTF_8)), "2007", "交易已支付成功", null);
        assertThat(admin.idsOfOrder(form.get("no_order"))).hasSize(1);
    }

    @Test
    void aDeclinedOrderCannotBePaidOrPostedAgain() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        String bank = pay(post(payer, merchant, form), "1:01050000", "decline");

        assertErrorPage(payer.get(bank), "1005", "支付处理失败", null);
        assertErrorPage(writesNothing(gateway, () -> post(payer, merchant, form)), "1002", "第三方单号重复", "no_order");
    }

    @Test
    void icbcDoesNotSendThePayerBackSoNothingIsPostedToUrlReturn() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        Page bank = payer.get(payer.postForm(post(payer, merchant, form).location(), Map.of("bank", "1:01020000"),
                StandardCharsets.UTF_8).location());
        assertThat(bank.html()).contains("工商银行");

        Page done = payer.postForm(cashierBankPath(bank), Map.of("decision", "approve"), StandardCharsets.UTF_8);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.byId("outcome")).isEqualTo("支付成功");
        assertThat(done.returnFormAction()).isNull();
        assertThat(done.html()).doesNotContain("/payment/return/");
        assertThat(admin.idsOfOrder(form.get("no_order"))).hasSize(1);
    }

    @Test
    void withoutUrlReturnThePayerSeesTheGatewaysResultPage() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        form.remove("url_return");
        form.put("bank_code", "03080000");
        Page posted = post(payer, merchant, form);

        Page done = payer.postForm(posted.location(), Map.of("decision", "approve"), StandardCharsets.UTF_8);

        assertThat(done.location()).startsWith("/payment/result/");
        assertThat(payer.get(done.location()).byId("outcome")).isEqualTo("支付成功");
    }

    @Test
    void anUnpaidOrderClosesWhenValidOrderPasses() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        form.put("valid_order", "1");
        Page posted = post(payer, merchant, form);

        assertThat(admin.post("/sandbox/clock/advance", "{\"by\":\"PT61S\"}").status()).isEqualTo(200);

        assertErrorPage(payer.get(posted.location()), "2006", "交易已过期", null);
        assertErrorPage(writesNothing(gateway, () -> post(payer, merchant, form)), "2006", "交易已过期", "no_order");
        String status = gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM online_banking_order WHERE no_order = :no").bind("no", form.get("no_order"))
                .mapTo(String.class).one());
        assertThat(status).isEqualTo("CLOSED");
    }

    @Test
    void theBankOnlyAnswersForAnOrderWhoseBankWasChosen() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        String cashier = post(payer, merchant, form).location();
        String bank = cashier.replace("/payment/cashier/", "/bank/");

        Page skipped = writesNothing(gateway, () -> payer.postForm(bank, Map.of("decision", "approve"),
                StandardCharsets.UTF_8));

        assertThat(skipped.location()).isEqualTo(cashier);
        assertThat(payer.get(cashier).status()).isEqualTo(200);
    }

    @Test
    void anUnknownPageIsNotFound() {
        Page page = payer.get("/payment/cashier/00000000000000000000000000000000");

        assertThat(page.status()).isEqualTo(404);
        assertErrorPage(page, "8901", "没有记录", null);
        assertThat(payer.get("/payment/return/nothing").status()).isEqualTo(404);
    }

    @Test
    void theSandboxControlCompletesAWaitingOrderOnce() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        post(payer, merchant, form);
        String path = "/sandbox/online-banking/" + form.get("no_order") + "/complete";

        List<Callable<TestAdmin.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(() -> admin.post(path, "{\"result\":\"paid\"}"));
        }
        List<TestAdmin.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<TestAdmin.Response> answer : pool.invokeAll(attempts)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(5);
        TestAdmin.Response paid = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        assertThat(paid.json().get("result_pay").asText()).isEqualTo("SUCCESS");
        Page back = payer.get(paid.json().get("return_page").asText());
        assertThat(back.returnFormAction()).isEqualTo(receiver.url("/return"));
        assertThat(admin.idsOfOrder(form.get("no_order"))).hasSize(1);
        long receipts = gateway.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM ledger_entry WHERE kind = 'PAYMENT_RECEIPT' AND reference =
                    (SELECT 'online-banking:' || id FROM online_banking_order WHERE no_order = :no)""")
                .bind("no", form.get("no_order")).mapTo(Long.class).one());
        assertThat(receipts).isEqualTo(1);
        assertThat(merchant.plain("/traderAcctQuery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "api_version", "1.0")).get("amt_unsettle")).isEqualTo("66.60");
    }

    @Test
    void theSandboxControlDeclinesAndNamesWhatItCannotFind() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = form(merchant);
        post(payer, merchant, form);

        TestAdmin.Response declined = admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"declined\",\"oid_partner\":\"" + merchant.oidPartner() + "\"}");

        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.json().get("result_pay").asText()).isEqualTo("FAILURE");
        assertThat(declined.json().has("return_page")).isFalse();
        assertThat(admin.post("/sandbox/online-banking/NOPE/complete", "{\"result\":\"paid\"}").status()).isEqualTo(404);
        assertThat(admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete", "{\"result\":\"maybe\"}")
                .status()).isEqualTo(400);
    }

    private static String cashierBankPath(Page bank) {
        Matcher m = Pattern.compile("action=\"(/bank/[0-9a-f]+)\"").matcher(bank.html());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
