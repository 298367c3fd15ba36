package io.llgate.server.onlinebanking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.testing.RowsRead;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding a merchant's order by {@code no_order} or {@code oid_paybill}, as every refund apply and order query does,
 * reads the orders it names and not every order of the merchant: otherwise each refund costs more as the merchant's
 * history grows.
 */
class OrderLookupTest {
    private static final int ORDERS = 200;

    static Gateway gateway;
    static Merchant merchant;
    static List<OnlineBankingOrder> orders = new ArrayList<>();

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = gateway.merchants().find(TestMerchant.register(gateway, 0).oidPartner()).orElseThrow();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(gateway.onlineBanking().start(merchant, new PaymentRequest("LOOKUP" + i,
                    WireTime.dateTime(gateway.clock().instant()), 8_880, "u_1", "109001", "羽毛球拍", Optional.empty(),
                    "http://127.0.0.1:9/notify", Optional.empty(), Optional.empty(), Optional.empty(), 60,
                    Optional.empty(), Optional.empty(), "UTF-8")));
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anOrderIsFoundByItsNumberItsPaybillOrBoth() {
        OnlineBankingOrder wanted = orders.get(123);
        OnlineBankingPayments payments = gateway.onlineBanking();

        assertThat(payments.find(merchant.id(), Optional.of(wanted.noOrder()), Optional.empty()))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(wanted.id()));
        assertThat(payments.find(merchant.id(), Optional.empty(), Optional.of(wanted.oidPaybill())))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(wanted.id()));
        assertThat(payments.find(merchant.id(), Optional.of(wanted.noOrder()), Optional.of(wanted.oidPaybill())))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(wanted.id()));
        assertThatThrownBy(() -> payments.find(merchant.id(), Optional.of(wanted.noOrder()),
                Optional.of(orders.get(7).oidPaybill()))).isInstanceOf(Refusal.class);
        assertThat(payments.find(merchant.id(), Optional.of("NO_SUCH_ORDER"), Optional.empty())).isEmpty();
    }

    @Test
    void theLookupReadsOnlyTheOrdersItNames() {
        assumeFalse(TestDatabases.onPostgres(), "the rows read are what H2's EXPLAIN ANALYZE counts");
        OnlineBankingOrder wanted = orders.get(123);

        // H2 counts the row each index lookup finds and the entry after it; a scan counts all 200 orders.
        assertThat(rowsRead(wanted.noOrder(), null)).isLessThanOrEqualTo(4);
        assertThat(rowsRead(null, wanted.oidPaybill())).isLessThanOrEqualTo(4);
        assertThat(rowsRead(wanted.noOrder(), orders.get(7).oidPaybill())).isLessThanOrEqualTo(4);
    }

    /** The rows H2 reads to answer the lookup, summed over its table accesses. */
    private static int rowsRead(String noOrder, String oidPaybill) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("merchant", merchant.id());
        bindings.put("noOrder", noOrder);
        bindings.put("paybill", oidPaybill);
        return RowsRead.of(gateway.jdbi(), OnlineBankingStore.ORDERS.idsNamed(), bindings);
    }
}
