package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds of one payment sent at the same moment: whatever the interleaving, they never return more than
 * the payment, and one refund number makes one refund. The suite runs this on H2 and on PostgreSQL.
 */
class RefundRaceTest {
    private static final int RACERS = 16;
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, String> refund(TestMerchant merchant, PaidOrder order, String noRefund, String amount) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_refund", noRefund);
        f.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        f.put("money_refund", amount);
        f.put("no_order", order.noOrder());
        f.put("notify_url", "https://shop.example.com/refund-notify");
        return f;
    }

    /** Sends every request at once from its own thread, released together. */
    private static List<Reply> race(TestMerchant merchant, List<Map<String, String>> requests) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.size())) {
            for (Map<String, String> request : requests) {
                Callable<Reply> send = () -> {
                    go.await();
                    return merchant.plain("/exchangerefund.htm", request);
                };
                replies.add(threads.submit(send));
            }
            go.countDown();
            List<Reply> done = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                done.add(reply.get());
            }
            return done;
        }
    }

    private static long refundedFen(PaidOrder order) {
        return gateway.jdbi().withHandle(h -> h.createQuery("""
                SELECT COALESCE(SUM(money_refund), 0) FROM refund WHERE no_order = :order AND status <> 'FAILURE'""")
                .bind("order", order.noOrder())
                .mapTo(Long.class)
                .one());
    }

    @Test
    void racingRefundsNeverReturnMoreThanThePayment() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("100.00", "https://shop.example.com/notify");
        List<Map<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            requests.add(refund(merchant, order, "RACE" + i, "10.00"));
        }

        List<Reply> replies = race(merchant, requests);

        assertThat(replies).extracting(Reply::retCode).containsOnly("0000", "5007");
        assertThat(replies).filteredOn(r -> r.retCode().equals("0000")).hasSize(10);
        assertThat(refundedFen(order)).isEqualTo(10_000);
    }

    @Test
    void oneRefundNumberSentManyTimesAtOnceMakesOneRefund() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("100.00", "https://shop.example.com/notify");
        Map<String, String> request = refund(merchant, order, "SAME", "30.00");
        List<Map<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            requests.add(request);
        }

        List<Reply> replies = race(merchant, requests);

        assertThat(replies).extracting(Reply::retCode).containsOnly("0000");
        assertThat(replies).extracting(r -> r.get("oid_refundno")).containsOnly(replies.get(0).get("oid_refundno"));
        assertThat(refundedFen(order)).isEqualTo(3_000);
    }
}
