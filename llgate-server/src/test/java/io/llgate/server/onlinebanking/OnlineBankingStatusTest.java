package io.llgate.server.onlinebanking;

import static io.llgate.server.onlinebanking.OnlineBankingStatus.CLOSED;
import static io.llgate.server.onlinebanking.OnlineBankingStatus.FAILURE;
import static io.llgate.server.onlinebanking.OnlineBankingStatus.SUCCESS;
import static io.llgate.server.onlinebanking.OnlineBankingStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The moves an online banking order can make, without HTTP or a database. */
class OnlineBankingStatusTest {

    @Test
    void aWaitingOrderIsPaidDeclinedOrClosed() {
        for (OnlineBankingStatus next : EnumSet.of(SUCCESS, FAILURE, CLOSED)) {
            assertThat(WAITING.canMoveTo(next)).as("WAITING -> %s", next).isTrue();
            WAITING.requireMoveTo(next);
        }
    }

    @Test
    void aWaitingOrderDoesNotMoveToWaiting() {
        assertThat(WAITING.canMoveTo(WAITING)).isFalse();
        assertThatThrownBy(() -> WAITING.requireMoveTo(WAITING)).isInstanceOf(IllegalStateException.class);
        assertThat(WAITING.isFinal()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OnlineBankingStatus.class, names = {"SUCCESS", "FAILURE", "CLOSED"})
    void aFinalOrderMovesNowhere(OnlineBankingStatus from) {
        assertThat(from.isFinal()).isTrue();
        for (OnlineBankingStatus next : OnlineBankingStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s -> %s", from, next).isFalse();
            assertThatThrownBy(() -> from.requireMoveTo(next)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(from.name()).hasMessageContaining(next.name());
        }
    }

    @Test
    void aClosedOrderReadsAsFailureOnTheWire() {
        assertThat(CLOSED.resultPay()).isEqualTo("FAILURE");
        assertThat(SUCCESS.resultPay()).isEqualTo("SUCCESS");
        assertThat(WAITING.resultPay()).isEqualTo("WAITING");
        assertThat(FAILURE.resultPay()).isEqualTo("FAILURE");
    }
}
