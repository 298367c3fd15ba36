package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.Gateway;
import io.llgate.server.kernel.PreAuthorization;
import io.llgate.server.testing.TestAuthorizations;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreAuthorizationsTest {
    static Gateway gateway;
    TestMerchant merchant;
    LlGateClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void newMerchant() {
        merchant = TestMerchant.register(gateway, 0);
        client = TestClients.of(gateway, merchant);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private PreAuthorization authorize(long fen) {
        return TestAuthorizations.authorize(gateway, merchant, fen);
    }

    private static PreAuthRequest.Builder of(PreAuthorization auth) {
        return PreAuthRequest.builder().userId(auth.userId()).noOrder(auth.noOrder()).dtOrder(auth.dtOrder());
    }

    @Test
    void capturesPartOfAnAuthorizationOnceAndReadsItsState() {
        PreAuthorization auth = authorize(450_00);
        PreAuthQuery query = PreAuthQuery.byNoOrder(auth.noOrder(), auth.dtOrder());
        assertThat(client.preAuthorizations().query(query).state()).isEqualTo(PreAuthState.AUTHORIZED);

        var captured = client.preAuthorizations().capture(of(auth).moneyOrder("300").build());
        assertThat(captured.state()).isEqualTo(PreAuthState.CAPTURED);
        assertThat(captured.moneyOrder()).isEqualTo("300.00");
        assertThat(captured.oidPaybill()).isEqualTo(auth.oidPaybill());
        assertThat(captured.settleDate()).isPresent();

        assertThatThrownBy(() -> client.preAuthorizations().capture(of(auth).moneyOrder("1.00").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("7017"));
        var state = client.preAuthorizations().query(new PreAuthQuery(null, auth.oidPaybill(), auth.dtOrder()));
        assertThat(state.state()).isEqualTo(PreAuthState.CAPTURED);
        assertThat(state.moneyOrderFen()).isEqualTo(300_00);
    }

    @Test
    void cancelsAnAuthorizationForItsWholeAmount() {
        PreAuthorization auth = authorize(88_00);
        assertThatThrownBy(() -> client.preAuthorizations().cancel(of(auth).moneyOrder("80.00").build()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("7017"));
        var cancelled = client.preAuthorizations().cancel(of(auth).oidPaybill(auth.oidPaybill())
                .moneyOrderFen(88_00).build());
        assertThat(cancelled.state()).isEqualTo(PreAuthState.CANCELLED);
        assertThat(client.preAuthorizations().query(PreAuthQuery.byNoOrder(auth.noOrder(), auth.dtOrder())).state())
                .isEqualTo(PreAuthState.CANCELLED);
    }

    @Test
    void aQueryOfNoAuthorizationIsARefusalNotAState() {
        assertThatThrownBy(() -> client.preAuthorizations().query(
                PreAuthQuery.byNoOrder("NO-SUCH-ORDER", "20260101120000")))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class,
                        e -> assertThat(e.retCode()).isEqualTo("8901"));
    }

    @Test
    void theBuildersCheckTheFieldsAsTheGatewayDoes() {
        PreAuthRequest.Builder valid = PreAuthRequest.builder().userId("u1").noOrder("PA1")
                .dtOrder("20260101120000").moneyOrder("1.00");
        assertThat(valid.build().moneyOrderFen()).isEqualTo(100);
        assertThatThrownBy(() -> valid.userId(null).build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("user_id"));
        assertThatThrownBy(() -> valid.moneyOrder("1.001").build())
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("money_order"));
        assertThatThrownBy(() -> valid.moneyOrder("0.00").build())
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("money_order"));
        assertThatThrownBy(() -> valid.dtOrder("2026010112").build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("dt_order"));
        assertThatThrownBy(() -> valid.noOrder("x".repeat(33)).build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_order"));
        assertThatThrownBy(() -> new PreAuthQuery(null, null, "20260101120000"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("no_order"));
    }
}
