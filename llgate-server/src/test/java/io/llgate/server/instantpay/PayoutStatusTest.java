package io.llgate.server.instantpay;

import static io.llgate.server.instantpay.PayoutStatus.CANCEL;
import static io.llgate.server.instantpay.PayoutStatus.CHECK;
import static io.llgate.server.instantpay.PayoutStatus.CLOSED;
import static io.llgate.server.instantpay.PayoutStatus.FAILURE;
import static io.llgate.server.instantpay.PayoutStatus.PROCESSING;
import static io.llgate.server.instantpay.PayoutStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The payout state machine on its own: the documented moves, and nothing else. */
class PayoutStatusTest {
    private static final Map<PayoutStatus, Set<PayoutStatus>> ALLOWED = Map.of(
            CHECK, EnumSet.of(PROCESSING, CLOSED),
            PROCESSING, EnumSet.of(SUCCESS, FAILURE),
            SUCCESS, EnumSet.of(CANCEL),
            FAILURE, EnumSet.noneOf(PayoutStatus.class),
            CANCEL, EnumSet.noneOf(PayoutStatus.class),
            CLOSED, EnumSet.noneOf(PayoutStatus.class));

    @Test
    void aHeldPayoutIsConfirmedOrClosed() {
        assertThat(CHECK.canMoveTo(PROCESSING)).isTrue();
        assertThat(CHECK.canMoveTo(CLOSED)).isTrue();
    }

    @Test
    void theBankSettlesAPayoutInFlight() {
        assertThat(PROCESSING.canMoveTo(SUCCESS)).isTrue();
        assertThat(PROCESSING.canMoveTo(FAILURE)).isTrue();
    }

    @Test
    void aPaidPayoutCanStillBeReversedByTheBank() {
        assertThat(SUCCESS.canMoveTo(CANCEL)).isTrue();
        assertThat(SUCCESS.isFinal()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(PayoutStatus.class)
    void everyMoveNotDeclaredIsRefused(PayoutStatus from) {
        for (PayoutStatus to : PayoutStatus.values()) {
            boolean allowed = ALLOWED.get(from).contains(to);
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            if (allowed) {
                from.requireMoveTo(to);
            } else {
                assertThatThrownBy(() -> from.requireMoveTo(to)).as(from + " -> " + to)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(from.name()).hasMessageContaining(to.name());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"FAILURE", "CANCEL", "CLOSED"})
    void nothingLeavesAFinalState(PayoutStatus end) {
        assertThat(end.isFinal()).isTrue();
        assertThat(end.next()).isEmpty();
        for (PayoutStatus to : PayoutStatus.values()) {
            assertThatThrownBy(() -> end.requireMoveTo(to)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void noStateMovesToItself() {
        for (PayoutStatus s : PayoutStatus.values()) {
            assertThat(s.canMoveTo(s)).as(s.name()).isFalse();
        }
    }

    @Test
    void aPayoutStartsHandedToTheBankOrHeld() {
        assertThat(PayoutStatus.INITIAL).containsExactlyInAnyOrder(PROCESSING, CHECK);
    }
}
