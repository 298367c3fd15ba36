package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.notify.InvalidNotificationException;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.testing.PageClient.Page;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's card payment page forms, posted as a browser would to a real gateway, and its returns verified. */
class EasypayPagesTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    static GatewayWithMerchant at;

    @BeforeAll
    static void start() {
        at = GatewayWithMerchant.start();
    }

    @AfterAll
    static void stop() {
        at.close();
    }

    static EasypayPageRequest.Builder order() {
        return EasypayPageRequest.builder()
                .userId("cust_00872")
                .busiPartner(BusiPartner.PHYSICAL_GOODS)
                .noOrder("EP" + SEQUENCE.incrementAndGet())
                .dtOrder(LocalDateTime.now(WireTime.BEIJING))
                .nameGoods("保温杯")
                .infoOrder("order-note")
                .moneyOrder("128.5")
                .notifyUrl("http://127.0.0.1:9/notify")
                .urlReturn("http://127.0.0.1:9/return")
                .userreqIp("203.0.113.45")
                .riskItem(RiskItem.builder().frmsWareCategory("4007").userInfoMerchtUserno("cust_00872")
                        .userInfoDtRegister("20230102080910").build());
    }

    /** Bank, card and SMS code, from the page the form led to: answers the page the code leads to. */
    private static Page pay(Page first) {
        String page = first.location();
        at.payer().postForm(page + "/bank", Map.of("bank", "D:03080000"), StandardCharsets.UTF_8);
        LinkedHashMap<String, String> card = new LinkedHashMap<>();
        card.put("card_no", "6214830000000000003");
        card.put("acct_name", "王小明");
        card.put("id_type", "0");
        card.put("id_no", "11010119900307803X");
        card.put("bind_mob", "13800138000");
        at.payer().postForm(page + "/card", card, StandardCharsets.UTF_8);
        String code = at.admin().get("/sandbox/sms?mobile=13800138000").json().get("messages").get(0).get("code").asText();
        return at.payer().postForm(page + "/code", Map.of("verify_code", code), StandardCharsets.UTF_8);
    }

    @Test
    void theWebFormIsSignedAndItsReturnVerifies() {
        EasypayPageForm form = at.client().easypayPages().webForm(order().build());

        assertThat(form.action()).isEqualTo(at.gateway().baseUri().resolve("/payment/traveleasypay.htm"));
        assertThat(form.fields()).containsEntry("version", "1.0").containsEntry("money_order", "128.50")
                .containsEntry("userreq_ip", "203_0_113_45").containsEntry("pay_type", "M").containsKeys("sign", "timestamp");
        assertThat(MessageSignature.verify(at.merchant().keys().getPublic(), SignType.RSA, form.fields()).valid()).isTrue();
        Page page = new Page(200, null, form.contentType(), form.html());
        Page posted = at.payer().postForm("/payment/traveleasypay.htm", page.hiddenFields(), StandardCharsets.UTF_8);
        assertThat(posted.status()).as(posted.html()).isEqualTo(303);

        Page back = at.payer().get(pay(posted).location());
        PaymentNotification returned = at.client().easypayPages().verifyWebReturn(back.hiddenFields());

        assertThat(returned.noOrder()).isEqualTo(form.noOrder());
        assertThat(returned.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(returned.moneyOrder()).isEqualTo("128.50");
        assertThat(returned.payType()).contains("M");
        LinkedHashMap<String, String> tampered = back.hiddenFields();
        tampered.put("money_order", "1.00");
        assertThatThrownBy(() -> at.client().easypayPages().verifyWebReturn(tampered))
                .isInstanceOf(InvalidNotificationException.class);
    }

    @Test
    void theH5FormCarriesTheSignedJsonInReqDataAndItsResDataVerifies() throws Exception {
        EasypayPageForm form = at.client().easypayPages().h5Form(order().colours("ff5001", null).returnsByItself(true)
                .build());

        assertThat(form.action().getPath()).isEqualTo("/travlepay.htm");
        assertThat(form.fields()).containsOnlyKeys("req_data");
        Map<String, String> inside = FlatJson.parse(form.fields().get("req_data"));
        assertThat(inside).containsEntry("app_request", "3").containsEntry("syschnotify_flag", "1")
                .containsEntry("bg_color", "ff5001").doesNotContainKey("userreq_ip");
        assertThat(MessageSignature.verify(at.merchant().keys().getPublic(), SignType.RSA, inside).valid()).isTrue();
        Page posted = at.payer().postForm("/travlepay.htm", form.fields(), StandardCharsets.UTF_8);

        Page back = at.payer().get(pay(posted).location());
        URI location = URI.create(back.location());
        String resData = URLDecoder.decode(location.getRawQuery().substring("res_data=".length()), StandardCharsets.UTF_8);
        PaymentNotification returned = at.client().easypayPages().verifyH5Return(resData);

        assertThat(returned.noOrder()).isEqualTo(form.noOrder());
        assertThat(returned.resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(at.client().notificationVerifier().verifyReturnForm(location.getRawQuery()).noOrder())
                .isEqualTo(form.noOrder());
    }

    @Test
    void aRequestTheGatewayWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> order().payType("X").build()).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("pay_type");
        assertThatThrownBy(() -> order().colours("red", null).build()).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("bg_color");
        assertThatThrownBy(() -> at.client().easypayPages().webForm(order().userreqIp("::1").build()))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("userreq_ip");
    }
}
