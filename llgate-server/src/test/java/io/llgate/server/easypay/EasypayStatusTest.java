package io.llgate.server.easypay;

import static io.llgate.server.easypay.EasypayStatus.AUTHORIZED;
import static io.llgate.server.easypay.EasypayStatus.CLOSED;
import static io.llgate.server.easypay.EasypayStatus.FAILURE;
import static io.llgate.server.easypay.EasypayStatus.PROCESSING;
import static io.llgate.server.easypay.EasypayStatus.SUCCESS;
import static io.llgate.server.easypay.EasypayStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The moves an easypay order can make, without HTTP or a database. */
class EasypayStatusTest {

    @Test
    void aWaitingOrderIsChargedOrClosedAndNeverPaidWithoutACharge() {
        assertThat(WAITING.next()).containsExactlyInAnyOrder(PROCESSING, CLOSED);
        assertThatThrownBy(() -> WAITING.requireMoveTo(SUCCESS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChargeIsPaidAuthorizedOrDeclined() {
        assertThat(PROCESSING.next()).containsExactlyInAnyOrder(SUCCESS, AUTHORIZED, FAILURE);
        assertThat(PROCESSING.canMoveTo(CLOSED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = EasypayStatus.class, names = {"SUCCESS", "AUTHORIZED", "FAILURE", "CLOSED"})
    void anEndedOrderMovesNowhere(EasypayStatus from) {
        assertThat(from.isFinal()).isTrue();
        for (EasypayStatus next : EasypayStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s -> %s", from, next).isFalse();
        }
    }

    @Test
    void theWireReadsAnAuthorizationAsSuccessAndAClosedOrderAsFailure() {
        assertThat(AUTHORIZED.resultPay()).isEqualTo("SUCCESS");
        assertThat(CLOSED.resultPay()).isEqualTo("FAILURE");
        assertThat(EnumSet.of(WAITING, PROCESSING, SUCCESS, FAILURE)).allMatch(s -> s.resultPay().equals(s.name()));
        assertThat(EnumSet.allOf(EasypayStatus.class)).filteredOn(EasypayStatus::paid).containsExactlyInAnyOrder(SUCCESS, AUTHORIZED);
    }
}
