package io.llgate.server.easypay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The card payment pages over plain HTTP, page by page, with real signatures: the WEB and H5 forms, bank, card, SMS
 * code from the sandbox inbox, the single-use return, the preset and saved-card flows, and the forms refused. Runs
 * on PostgreSQL too when the suite does.
 */
class HostedPaymentFlowTest {
    static final String CARD = "6214830000000000003";
    static final String CREDIT_CARD = "6225750000000010";
    static final String MOBILE = "13800138000";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
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

    /** A complete WEB form (20 §4) for {@code amount}; tests change what they need, then sign it. */
    static LinkedHashMap<String, String> webForm(TestMerchant merchant, String amount) {
        String now = WireTime.dateTime(gateway.clock().instant());
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("version", "1.0");
        f.put("oid_partner", merchant.oidPartner());
        f.put("user_id", "cust_00872");
        f.put("timestamp", now);
        f.put("busi_partner", "109001");
        f.put("no_order", "EP" + SEQUENCE.incrementAndGet());
        f.put("dt_order", now);
        f.put("name_goods", "保温杯");
        f.put("info_order", "order-note-187");
        f.put("money_order", amount);
        f.put("notify_url", receiver.url("/notify/" + merchant.oidPartner()));
        f.put("url_return", receiver.url("/return/" + merchant.oidPartner()));
        f.put("userreq_ip", "203.0.113.45");
        f.put("pay_type", "M");
        f.put("risk_item", "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"cust_00872\","
                + "\"user_info_dt_register\":\"20230102080910\"}");
        return f;
    }

    /** The H5 form (20 §5): the signed fields as the JSON of its single {@code req_data}. */
    static Map<String, String> h5Form(TestMerchant merchant, Map<String, String> fields) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>(fields);
        f.remove("userreq_ip");
        f.put("app_request", "3");
        return Map.of("req_data", FlatJson.write(merchant.sign(f)));
    }

    /** The card page's fields for {@code cardNo}, held by the holder the sandbox issuer accepts. */
    static LinkedHashMap<String, String> card(String cardNo) {
        LinkedHashMap<String, String> card = new LinkedHashMap<>();
        card.put("card_no", cardNo);
        card.put("acct_name", "王小明");
        card.put("id_type", "0");
        card.put("id_no", "11010119900307803X");
        card.put("bind_mob", MOBILE);
        return card;
    }

    /** The transaction the latest code texted to {@code mobile} confirms. */
    static String transaction(String mobile) {
        return admin.get("/sandbox/sms?mobile=" + mobile).json().get("messages").get(0).get("transaction").asText();
    }

    static String latestCode(String mobile) {
        TestAdmin.Response inbox = admin.get("/sandbox/sms?mobile=" + mobile);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.json().get("messages").get(0).get("code").asText();
    }

    /** Bank, card and code pages, from the first page on: answers the page the right code leads to. */
    static Page payThrough(Page first, String bank, String cardNo, boolean credit) {
        assertThat(first.status()).as(first.html()).isEqualTo(303);
        String pagePath = first.location();
        Page bankPage = payer.get(pagePath);
        assertThat(bankPage.html()).contains("选择付款银行卡").contains("name=\"bank\" value=\"D:03080000\"");
        Page chosen = payer.postForm(pagePath + "/bank", Map.of("bank", bank), StandardCharsets.UTF_8);
        assertThat(chosen.status()).as(chosen.html()).isEqualTo(303);
        Page cardPage = payer.get(pagePath);
        assertThat(cardPage.html()).contains("name=\"card_no\"").contains("name=\"bind_mob\"");
        assertThat(cardPage.html().contains("name=\"cvv2\"")).isEqualTo(credit);
        LinkedHashMap<String, String> card = card(cardNo);
        if (credit) {
            card.put("vali_date", "1239");
            card.put("cvv2", "123");
        }
        Page applied = payer.postForm(pagePath + "/card", card, StandardCharsets.UTF_8);
        assertThat(applied.status()).as(applied.html()).isEqualTo(303);
        Page codePage = payer.get(pagePath);
        assertThat(codePage.byId("bind_mob")).isEqualTo("138****8000");
        assertThat(codePage.html()).doesNotContain(cardNo).doesNotContain("11010119900307803X").doesNotContain(MOBILE)
                .doesNotContain("value=\"123\"");
        return payer.postForm(pagePath + "/code", Map.of("verify_code", latestCode(MOBILE)), StandardCharsets.UTF_8);
    }

    @Test
    void aWebPaymentWithAWrongCodeThenTheRightOneReturnsASignedFormOnceAndNotifies() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "128.50");
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);
        assertThat(first.status()).as(first.html()).isEqualTo(303);
        String pagePath = first.location();
        assertThat(payer.postForm(pagePath + "/bank", Map.of("bank", "D:03080000"), StandardCharsets.UTF_8).status())
                .isEqualTo(303);
        LinkedHashMap<String, String> card = card(CARD);
        assertThat(payer.postForm(pagePath + "/card", card, StandardCharsets.UTF_8).status()).isEqualTo(303);
        String code = latestCode(MOBILE);

        Page wrong = payer.postForm(pagePath + "/code", Map.of("verify_code", code.equals("000000") ? "111111" : "000000"),
                StandardCharsets.UTF_8);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.byId("notice")).contains("1900");
        assertThat(wrong.html()).contains("name=\"verify_code\"");

        Page right = payer.postForm(pagePath + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8);
        assertThat(right.status()).as(right.html()).isEqualTo(303);
        assertThat(right.location()).startsWith("/easypay/return/");
        Page back = payer.get(right.location());
        assertThat(back.returnFormAction()).isEqualTo(form.get("url_return"));
        LinkedHashMap<String, String> sync = back.hiddenFields();
        assertThat(sync).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("oid_partner", merchant.oidPartner()).containsEntry("no_order", form.get("no_order"))
                .containsEntry("money_order", "128.50").containsEntry("info_order", "order-note-187")
                .containsEntry("pay_type", "M").containsEntry("bank_code", "03080000")
                .containsKeys("oid_paybill", "dt_order", "settle_date", "sign_type", "sign")
                .doesNotContainKey("result_pay");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, sync).valid()).isTrue();

        Page replay = payer.get(right.location());
        assertThat(replay.byId("outcome")).isEqualTo("已返回商户 Returned");
        assertThat(replay.hiddenFields()).isEmpty();
        assertThat(payer.postForm(pagePath + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8).location())
                .isEqualTo(pagePath);
        assertThat(payer.get(pagePath).byId("outcome")).isEqualTo("支付成功 Paid");

        NotificationReceiver.Received notification = receiver.await(1).stream()
                .filter(r -> r.path().equals("/notify/" + merchant.oidPartner())).findFirst().orElseThrow();
        Map<String, String> async = FlatJson.parse(notification.body());
        assertThat(async).containsEntry("no_order", form.get("no_order")).containsEntry("result_pay", "SUCCESS")
                .containsEntry("pay_type", "M").containsKey("no_agree");
    }

    /** Bank and card pages with {@code mobile}: answers the page path, now at the code step. */
    static String applyWith(PageClient client, TestMerchant merchant, LinkedHashMap<String, String> form,
                            String mobile) {
        Page first = client.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);
        assertThat(first.status()).as(first.html()).isEqualTo(303);
        String pagePath = first.location();
        assertThat(client.postForm(pagePath + "/bank", Map.of("bank", "D:03080000"), StandardCharsets.UTF_8).status())
                .isEqualTo(303);
        LinkedHashMap<String, String> card = card(CARD);
        card.put("bind_mob", mobile);
        Page applied = client.postForm(pagePath + "/card", card, StandardCharsets.UTF_8);
        assertThat(applied.status()).as(applied.html()).isEqualTo(303);
        return pagePath;
    }

    @Test
    void theCodePageLinksTheSandboxPhoneShowingThatPaymentsTextsOnly() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        String mine = "1370013" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
        String theirs = "1360013" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
        String myPage = applyWith(payer, merchant, webForm(merchant, "12.00"), mine);
        String theirPage = applyWith(payer, merchant, webForm(merchant, "13.00"), theirs);

        String myPhone = payer.get(myPage).link("sandbox_phone");
        String theirPhone = payer.get(theirPage).link("sandbox_phone");
        assertThat(myPhone).startsWith("/phone/").isNotEqualTo(theirPhone);
        assertThat(myPhone.substring("/phone/".length())).hasSizeGreaterThanOrEqualTo(24).doesNotContain(mine);

        // The payer's browser has no admin token: the page's key is all it needs, and shows only that payment's texts.
        Page phone = payer.get(myPhone);
        assertThat(phone.status()).isEqualTo(200);
        assertThat(phone.html()).contains(latestCode(mine)).contains(transaction(mine))
                .doesNotContain(transaction(theirs));
        assertThat(payer.get(theirPhone).html()).contains(transaction(theirs)).doesNotContain(transaction(mine));
        assertThat(payer.get("/phone/" + mine).status()).isEqualTo(404);
        assertThat(payer.get("/phone/AAAAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);

        String code = phone.html().replaceAll("(?s).*<strong class=\"code\">(\\d{6})</strong>.*", "$1");
        Page paid = payer.postForm(myPage + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8);
        assertThat(paid.status()).as(paid.html()).isEqualTo(303);
        assertThat(payer.get(myPage).byId("outcome")).isEqualTo("支付成功 Paid");
    }

    @Test
    void aProductionGatewayLinksNoPhoneAndHasNoPhonePage() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, "hosted-phone-test-token")
                .withHostResolver(host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9})));
        try (Gateway production = Gateway.start(settings)) {
            PageClient client = new PageClient(production);
            TestMerchant merchant = TestMerchant.register(production, 0);
            LinkedHashMap<String, String> form = webForm(merchant, "12.00");
            form.put("notify_url", "https://shop.example.com/pay/notify");
            form.put("url_return", "https://shop.example.com/pay/return");
            String mobile = "1350013" + String.format("%04d", SEQUENCE.incrementAndGet() % 10_000);
            String pagePath = applyWith(client, merchant, form, mobile);

            Page code = client.get(pagePath);
            assertThat(code.html()).contains("name=\"verify_code\"").doesNotContain("sandbox_phone")
                    .doesNotContain("/phone/");
            String transaction = ((SandboxSms) production.sms()).inbox(mobile).get(0).transaction();
            assertThat(production.sms().phonePage(merchant.oidPartner(), transaction)).isEmpty();
            assertThat(production.routes()).noneMatch(r -> r.path().startsWith("/phone"));
        }
    }

    @Test
    void anH5PaymentComesBackWithResDataInTheQueryOnceTheButtonIsTapped() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> fields = webForm(merchant, "66.00");
        fields.put("bg_color", "ff5001");
        Page first = payer.postForm("/travelpay.htm", h5Form(merchant, fields), StandardCharsets.UTF_8);

        Page paid = payThrough(first, "C:03080000", CREDIT_CARD, true);

        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.location()).isEqualTo(first.location());
        Page result = payer.get(paid.location());
        assertThat(result.byId("outcome")).isEqualTo("支付成功 Paid");
        assertThat(result.html()).contains("--accent:#ff5001");
        String returnPath = result.link("next");
        assertThat(returnPath).startsWith("/easypay/return/");
        Page back = payer.get(returnPath);
        assertThat(back.status()).isEqualTo(303);
        URI location = URI.create(back.location());
        assertThat(location.getPath()).isEqualTo("/return/" + merchant.oidPartner());
        String resData = URLDecoder.decode(location.getRawQuery().substring("res_data=".length()), StandardCharsets.UTF_8);
        Map<String, String> sync = FlatJson.parse(resData);
        assertThat(sync).containsEntry("result_pay", "SUCCESS").containsEntry("money_order", "66.00")
                .containsEntry("no_order", fields.get("no_order")).containsKeys("oid_paybill", "dt_order", "settle_date")
                .doesNotContainKeys("ret_code", "info_order", "bank_code");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, sync).valid()).isTrue();

        Page replay = payer.get(returnPath);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.byId("outcome")).isEqualTo("已返回商户 Returned");
        assertThat(payer.get(first.location()).link("next")).isNull();
    }

    @Test
    void aMerchantMayTakeItsH5ReturnAsAPostedResData() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        TestAdmin.Response set = admin.post("/admin/merchants/" + merchant.oidPartner() + "/easypay-h5-return",
                "{\"method\":\"POST\"}");
        assertThat(set.status()).as(set.json().toString()).isEqualTo(200);
        LinkedHashMap<String, String> fields = webForm(merchant, "12.00");
        fields.put("syschnotify_flag", "1");
        Page first = payer.postForm(HostedPaymentRoutes.H5_PATH, h5Form(merchant, fields), StandardCharsets.UTF_8);

        Page paid = payThrough(first, "D:03080000", CARD, false);

        assertThat(paid.location()).startsWith("/easypay/return/");
        Page back = payer.get(paid.location());
        assertThat(back.returnFormAction()).isEqualTo(fields.get("url_return"));
        Map<String, String> sync = FlatJson.parse(back.hiddenFields().get("res_data"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, sync).valid()).isTrue();
        assertThat(sync).containsEntry("result_pay", "SUCCESS");
    }

    @Test
    void aPresetCardIsShownMaskedAndASavedCardAsksOnlyForTheCode() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "10.00");
        form.put("card_no", CARD);
        form.put("acct_name", "王小明");
        form.put("id_type", "0");
        form.put("id_no", "11010119900307803X");
        form.put("back_url", "https://shop.example.com/cards");
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);
        assertThat(first.status()).as(first.html()).isEqualTo(303);
        Page cardPage = payer.get(first.location());
        assertThat(cardPage.byId("card_no")).isEqualTo("621483*********0003");
        assertThat(cardPage.byId("id_no")).isEqualTo("1101**********803X");
        assertThat(cardPage.byId("acct_name")).isEqualTo("王小明");
        assertThat(cardPage.html()).doesNotContain(CARD).doesNotContain("11010119900307803X")
                .contains("href=\"https://shop.example.com/cards\"");
        assertThat(payer.postForm(first.location() + "/card", Map.of("bind_mob", MOBILE), StandardCharsets.UTF_8)
                .status()).isEqualTo(303);
        Page right = payer.postForm(first.location() + "/code", Map.of("verify_code", latestCode(MOBILE)),
                StandardCharsets.UTF_8);
        LinkedHashMap<String, String> sync = payer.get(right.location()).hiddenFields();
        assertThat(sync).containsEntry("ret_code", "0000");
        String noAgree = FlatJson.parse(receiver.await(1).stream()
                .filter(r -> r.text().contains(form.get("no_order"))).findFirst().orElseThrow().body()).get("no_agree");
        assertThat(noAgree).isNotBlank();

        LinkedHashMap<String, String> again = webForm(merchant, "20.00");
        again.put("no_agree", noAgree);
        again.put("card_no", "6222020000000000001");
        Page saved = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(again), StandardCharsets.UTF_8);
        assertThat(saved.status()).as(saved.html()).isEqualTo(303);
        Page codePage = payer.get(saved.location());
        assertThat(codePage.html()).contains("name=\"verify_code\"");
        assertThat(codePage.byId("card_no")).isEqualTo("621483*********0003");
        assertThat(payer.postForm(saved.location() + "/resend", Map.of(), StandardCharsets.UTF_8).status()).isEqualTo(303);
        Page paid = payer.postForm(saved.location() + "/code", Map.of("verify_code", latestCode(MOBILE)),
                StandardCharsets.UTF_8);
        assertThat(payer.get(paid.location()).hiddenFields()).containsEntry("money_order", "20.00")
                .containsEntry("ret_code", "0000");
    }

    @Test
    void twoSubmissionsOfTheRightCodeAtOnceChargeOnceAndOpenOneReturn() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "45.00");
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);
        payer.postForm(first.location() + "/bank", Map.of("bank", "D:03080000"), StandardCharsets.UTF_8);
        payer.postForm(first.location() + "/card", card(CARD), StandardCharsets.UTF_8);
        String code = latestCode(MOBILE);

        List<Page> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Page>> both = pool.invokeAll(List.<Callable<Page>>of(
                    () -> payer.postForm(first.location() + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8),
                    () -> payer.postForm(first.location() + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8)));
            answers = List.of(both.get(0).get(), both.get(1).get());
        }

        assertThat(answers).filteredOn(p -> p.status() == 303 && p.location().startsWith("/easypay/return/")).hasSize(1);
        assertThat(payer.get(first.location()).byId("outcome")).isEqualTo("支付成功 Paid");
        long charged = gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM easypay_order WHERE no_order = :n AND status = 'SUCCESS'")
                .bind("n", form.get("no_order")).mapTo(Long.class).one());
        assertThat(charged).isEqualTo(1);
        assertThat(admin.idsOfOrder(form.get("no_order"))).hasSize(1);
    }

    @Test
    void anOrderNumberOfCharactersOutsideTheBasicPlaneIsPaid() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "8.00");
        form.put("no_order", "😀".repeat(28) + (SEQUENCE.incrementAndGet() % 10_000));
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);

        Page paid = payThrough(first, "D:03080000", CARD, false);

        assertThat(payer.get(paid.location()).hiddenFields()).containsEntry("no_order", form.get("no_order"))
                .containsEntry("ret_code", "0000");
    }

    @Test
    void aDeclinedCardFailsThePaymentAndReturnsNothing() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "30.00");
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(form), StandardCharsets.UTF_8);
        assertThat(payer.postForm(first.location() + "/bank", Map.of("bank", "D:01020000"), StandardCharsets.UTF_8)
                .status()).isEqualTo(303);
        LinkedHashMap<String, String> card = card("6222020000000006001");
        assertThat(payer.postForm(first.location() + "/card", card, StandardCharsets.UTF_8).status()).isEqualTo(303);

        Page declined = payer.postForm(first.location() + "/code", Map.of("verify_code", latestCode(MOBILE)),
                StandardCharsets.UTF_8);

        assertThat(declined.location()).isEqualTo(first.location());
        Page result = payer.get(first.location());
        assertThat(result.byId("outcome")).isEqualTo("支付失败 Payment failed");
        assertThat(result.byId("message")).contains("6001");
        assertThat(receiver.received()).noneMatch(r -> r.path().equals("/return/" + merchant.oidPartner()));
    }

    @Test
    void aCardOfAnotherBankThanTheOneChosenIsRefusedOnTheCardPage() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(webForm(merchant, "30.00")),
                StandardCharsets.UTF_8);
        payer.postForm(first.location() + "/bank", Map.of("bank", "D:01050000"), StandardCharsets.UTF_8);
        LinkedHashMap<String, String> card = card(CARD);

        Page refused = payer.postForm(first.location() + "/card", card, StandardCharsets.UTF_8);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.byId("notice")).contains("9907");
        assertThat(refused.html()).contains("name=\"card_no\"").doesNotContain(CARD);
    }

    @Test
    void formsAreRefusedWithTheReturnCodeAndTheFieldAndCreateNothing() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> noRisk = webForm(merchant, "1.00");
        noRisk.remove("risk_item");
        Page missing = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(noRisk), StandardCharsets.UTF_8);
        assertThat(missing.byId("ret_code")).isEqualTo("1004");
        assertThat(missing.byId("field")).isEqualTo("risk_item");

        LinkedHashMap<String, String> tampered = merchant.sign(webForm(merchant, "1.00"));
        tampered.put("money_order", "0.01");
        assertThat(payer.postForm(HostedPaymentRoutes.WEB_PATH, tampered, StandardCharsets.UTF_8).byId("ret_code"))
                .isEqualTo("1001");

        Page notJson = payer.postForm(HostedPaymentRoutes.H5_PATH, Map.of("req_data", "{\"oid_partner\":"),
                StandardCharsets.UTF_8);
        assertThat(notJson.byId("ret_code")).isEqualTo("1012");

        LinkedHashMap<String, String> noApp = webForm(merchant, "1.00");
        noApp.remove("userreq_ip");
        Page h5 = payer.postForm(HostedPaymentRoutes.H5_PATH, Map.of("req_data", FlatJson.write(merchant.sign(noApp))),
                StandardCharsets.UTF_8);
        assertThat(h5.byId("field")).isEqualTo("app_request");

        LinkedHashMap<String, String> debitPreAuth = webForm(merchant, "1.00");
        debitPreAuth.put("pay_type", "F");
        debitPreAuth.put("card_no", CARD);
        Page preAuth = payer.postForm(HostedPaymentRoutes.WEB_PATH, merchant.sign(debitPreAuth), StandardCharsets.UTF_8);
        assertThat(preAuth.byId("ret_code")).isEqualTo("5601");
        for (Map<String, String> refusedForm : List.of(noRisk, noApp, debitPreAuth)) {
            int pages = gateway.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM easypay_hosted_page WHERE no_order = :n")
                    .bind("n", refusedForm.get("no_order")).mapTo(Integer.class).one());
            assertThat(pages).isZero();
        }
    }

    @Test
    void theSpecsSampleToleranceAndEmptyVersionAreAccepted() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = webForm(merchant, "1.00");
        form.remove("version");
        LinkedHashMap<String, String> signed = merchant.sign(form);
        LinkedHashMap<String, String> spaced = new LinkedHashMap<>();
        signed.forEach((name, value) -> spaced.put(name.equals("sign_type") ? "sign_type " : name, value));

        Page first = payer.postForm(HostedPaymentRoutes.WEB_PATH, spaced, StandardCharsets.UTF_8);

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(payer.get(first.location()).html()).contains("选择付款银行卡");
    }
}
