package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code llgate transactions list} and {@code show} against a gateway with a paid order and a refund of it. */
class TransactionCommandsTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestMerchant merchant;
    static TestMerchant.PaidOrder order;
    static String refundNumber;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings());
        receiver = new NotificationReceiver();
        merchant = TestMerchant.register(gateway, 0);
        order = merchant.paidOnlineBankingOrder("66.00", receiver.url());
        refundNumber = new Books(gateway).refund(merchant, order, "6.00", receiver.url()).get("oid_refundno");
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void listPagesAndShowTellsEverything() {
        Cli.Run first = Cli.admin(gateway, "transactions", "list", "--merchant", merchant.oidPartner(), "--limit", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("refund:").contains(refundNumber).contains("6.00").contains("More: add --after ");
        String cursor = first.out().lines().filter(l -> l.startsWith("More:")).findFirst().orElseThrow()
                .substring("More: add --after ".length());
        Cli.Run second = Cli.admin(gateway, "transactions", "list", "--merchant", merchant.oidPartner(), "--limit", "1",
                "--after", cursor);
        assertThat(second.out()).contains("online-banking:").contains(order.noOrder()).doesNotContain("More:");
        String ref = second.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

        Cli.Run show = Cli.admin(gateway, "transactions", "show", ref);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains(order.oidPaybill()).contains("PAYMENT_RECEIPT").contains(refundNumber)
                .contains("Notifications:");

        Cli.Run missing = Cli.admin(gateway, "transactions", "show", "refund:424242");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("no transaction refund:424242");
        assertThat(Cli.admin(gateway, "transactions", "list", "--search", "nothing-like-it").out())
                .contains("No transactions match.");
    }
}
