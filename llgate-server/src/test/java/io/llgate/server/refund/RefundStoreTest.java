package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The refund table's one status write: it refuses a move the state machine forbids, and one over a stale state. */
class RefundStoreTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    private final RefundStore store = new RefundStore();

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    /** A refund the sandbox bank holds (an amount ending .92), so it stays PROCESSING. */
    private Refund heldRefund() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        PaidOrder order = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        f.put("no_refund", "HELD" + System.nanoTime());
        f.put("dt_refund", WireTime.dateTime(gateway.clock().instant()));
        f.put("money_refund", "1.92");
        f.put("no_order", order.noOrder());
        f.put("notify_url", receiver.url("/refund-notify"));
        assertThat(merchant.plain("/exchangerefund.htm", f).retCode()).isEqualTo("0000");
        return stored(f.get("no_refund"));
    }

    private Refund stored(String noRefund) {
        return gateway.jdbi().withHandle(h -> store.byReference(h, noRefund, Optional.empty()).getFirst());
    }

    @Test
    void aMoveTheStateMachineAllowsIsWritten() {
        Refund held = heldRefund();
        assertThat(held.status()).isEqualTo(RefundStatus.PROCESSING);

        gateway.jdbi().useTransaction(h -> store.move(h, held, RefundStatus.FAILURE, "20240615", "refused", Instant.now()));

        Refund failed = stored(held.noRefund());
        assertThat(failed.status()).isEqualTo(RefundStatus.FAILURE);
        assertThat(failed.settleDate()).isEqualTo("20240615");
        assertThat(failed.completedAt()).isNotNull();
    }

    @Test
    void aMoveFromAFinalStateIsRefusedAndNothingIsWritten() {
        Refund held = heldRefund();
        gateway.jdbi().useTransaction(h -> store.move(h, held, RefundStatus.SUCCESS, "20240615", null, Instant.now()));
        Refund succeeded = stored(held.noRefund());

        assertThatThrownBy(() -> gateway.jdbi().useTransaction(h ->
                store.move(h, succeeded, RefundStatus.FAILURE, "20240616", "late", Instant.now())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stored(held.noRefund()).status()).isEqualTo(RefundStatus.SUCCESS);
    }

    @Test
    void aMoveOverAStateNoLongerStoredIsRefusedAndNothingIsWritten() {
        Refund held = heldRefund();
        gateway.jdbi().useTransaction(h -> store.move(h, held, RefundStatus.SUCCESS, "20240615", null, Instant.now()));

        // Read as PROCESSING, but another transaction finished it since.
        assertThatThrownBy(() -> gateway.jdbi().useTransaction(h ->
                store.move(h, held, RefundStatus.FAILURE, "20240616", "late", Instant.now())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer PROCESSING");
        Refund stored = stored(held.noRefund());
        assertThat(stored.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(stored.settleDate()).isEqualTo("20240615");
    }
}
