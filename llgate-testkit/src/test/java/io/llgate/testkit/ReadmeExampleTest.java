package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.BusiPartner;
import io.llgate.client.LlGateClient;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.OnlineBankingRequest;
import io.llgate.client.PayoutRequest;
import io.llgate.client.ResultPay;
import io.llgate.client.RiskItem;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The testkit examples of the README and docs/merchant/testkit.md, as written there, so that they stay true. */
@LlGateSandbox(balance = "50000.00")
class ReadmeExampleTest {
    @Test
    void paysOut(Sandbox sandbox, LlGateClient client) {
        PayoutRequest request = PayoutRequest.builder()
                .noOrder("PO1").dtOrder(LocalDateTime.now(WireTime.BEIJING)).moneyOrder("12.34")
                .cardNo("6216610000012345678").acctName("李明").infoOrder("test").memo("test")
                .notifyUrl(sandbox.notifyUrl())
                .build();

        client.instantPayments().apply(request);

        assertThat(sandbox.awaitNotification("PO1").resultPay()).isEqualTo(ResultPay.SUCCESS);
    }

    @Test
    void paysOnline(Sandbox sandbox, LlGateClient client) {
        OnlineBankingForm form = client.onlineBanking().form(OnlineBankingRequest.builder()
                .userId("u_1").busiPartner(BusiPartner.VIRTUAL_GOODS).noOrder("WEB1")
                .dtOrder(LocalDateTime.now(WireTime.BEIJING)).nameGoods("羽毛球拍").moneyOrder("88.80")
                .notifyUrl(sandbox.notifyUrl()).urlReturn(sandbox.returnUrl())
                .riskItem(RiskItem.builder().frmsWareCategory("4002").userInfoMerchtUserno("u_1")
                        .userInfoDtRegister("20230105120000").goodsName("羽毛球拍").build())
                .build());

        sandbox.onlineBanking().start(form);         // the browser posts the form
        sandbox.onlineBanking().approve("WEB1");     // the bank pays; the browser returns

        assertThat(sandbox.onlineBanking().awaitReturn("WEB1").resultPay()).isEqualTo(ResultPay.SUCCESS);
        assertThat(sandbox.awaitNotification("WEB1").resultPay()).isEqualTo(ResultPay.SUCCESS);
    }
}
