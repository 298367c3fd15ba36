package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings().withDemoMerchant(true));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void paysOutIsNotifiedAcknowledgesAndQueriesAndASecondRunIsConfirmed() {
        Cli.Run first = demo();
        Cli.Run second = demo();

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Sign source:  acct_name=")
                .contains("pay_load:     lianpay1_0_1$")
                .contains("\"ret_code\":\"0000\"")
                .contains("Reply signature verifies with the gateway public key: yes")
                .contains("X-LLGate-Notification-Id:")
                .contains("Signature verifies with the gateway public key: yes")
                .contains("result_pay:   SUCCESS")
                .contains("Answered:     {\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}")
                .contains("result_pay: SUCCESS")
                .containsPattern("amt_balance: \\d+\\.\\d\\d")
                .contains("ended SUCCESS.")
                .doesNotContain("public key: NO");
        // The same card again within 24 hours is a suspected duplicate: the demo confirms it like a merchant would.
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"ret_code\":\"4002\"").contains("1b. Payout confirm")
                .contains("ended SUCCESS.");
    }

    @Test
    void aCardEndingIn0001ShowsAFailureNotification() {
        Cli.Run failure = demo("--card", "6216610000012340001", "--amount", "1");

        assertThat(failure.exitCode()).as(failure.err()).isZero();
        assertThat(failure.out()).contains("payout of 1.00 yuan").contains("result_pay:   FAILURE")
                .contains("Answered:     {\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}").contains("ended FAILURE.");
    }

    @Test
    void aCardEndingIn0003ShowsTheSuccessAndThenTheReversal() {
        Cli.Run reversal = demo("--card", "6216610000012340003");

        assertThat(reversal.exitCode()).as(reversal.err()).isZero();
        assertThat(reversal.out()).contains("result_pay:   SUCCESS").contains("2b. The sandbox bank reverses")
                .contains("result_pay:   CANCEL").contains("ended CANCEL.");
    }

    @Test
    void withoutARunningGatewayItSaysSo() {
        String dead = Cli.deadServer();

        Cli.Run demo = Cli.run("demo", "--server", dead, "--data-dir", gateway.settings().dataDir().toString());

        assertThat(demo.exitCode()).isEqualTo(1);
        assertThat(demo.err()).contains("no gateway at " + dead + " (is `llgate serve` running?)");
    }

    @Test
    void withoutTheDemoMerchantsFilesItSaysWhereItLooked(@TempDir Path empty) {
        Cli.Run demo = Cli.run("demo", "--server", gateway.baseUri().toString(), "--data-dir", empty.toString());

        assertThat(demo.exitCode()).isEqualTo(1);
        assertThat(demo.err()).contains("no demo merchant in " + empty.resolve("demo-merchant"));
    }

    @Test
    void badCardsAndAmountsExit2() {
        Cli.Run card = demo("--card", "12ab");
        Cli.Run amount = demo("--amount", "1.234");

        assertThat(card.exitCode()).isEqualTo(2);
        assertThat(card.err()).contains("--card");
        assertThat(amount.exitCode()).isEqualTo(2);
        assertThat(amount.err()).contains("--amount");
    }

    private static Cli.Run demo(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "demo";
        args[1] = "--server";
        args[2] = gateway.baseUri().toString();
        args[3] = "--data-dir";
        args[4] = gateway.settings().dataDir().toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return Cli.run(args);
    }
}
