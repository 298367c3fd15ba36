package io.llgate.server.mpay;

import static io.llgate.server.mpay.MpayStatus.CLOSED;
import static io.llgate.server.mpay.MpayStatus.FAILURE;
import static io.llgate.server.mpay.MpayStatus.PROCESSING;
import static io.llgate.server.mpay.MpayStatus.SUCCESS;
import static io.llgate.server.mpay.MpayStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The moves an MPAY order can make, and the pay types' cards, without HTTP or a database. */
class MpayStatusTest {

    @Test
    void aWaitingOrderIsChargedOrClosedAndNeverPaidWithoutACharge() {
        assertThat(WAITING.next()).containsExactlyInAnyOrder(PROCESSING, CLOSED);
        assertThatThrownBy(() -> WAITING.requireMoveTo(SUCCESS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChargeIsPaidOrDeclined() {
        assertThat(PROCESSING.next()).containsExactlyInAnyOrder(SUCCESS, FAILURE);
        assertThat(PROCESSING.canMoveTo(CLOSED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = MpayStatus.class, names = {"SUCCESS", "FAILURE", "CLOSED"})
    void anEndedOrderMovesNowhere(MpayStatus from) {
        assertThat(from.isFinal()).isTrue();
        for (MpayStatus next : MpayStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s -> %s", from, next).isFalse();
        }
    }

    @Test
    void theWireReadsAClosedOrderAsFailure() {
        assertThat(CLOSED.resultPay()).isEqualTo("FAILURE");
        assertThat(EnumSet.of(WAITING, PROCESSING, SUCCESS, FAILURE)).allMatch(s -> s.resultPay().equals(s.name()));
    }

    @Test
    void payTypesTakeTheirKindOfCard() {
        assertThat(MpayPayType.byCode("2").orElseThrow().takes(false)).isTrue();
        assertThat(MpayPayType.byCode("2").orElseThrow().takes(true)).isFalse();
        assertThat(MpayPayType.byCode("3").orElseThrow().takes(false)).isFalse();
        assertThat(MpayPayType.byCode("27").orElseThrow().takes(false)).isFalse();
        assertThat(MpayPayType.byCode("27").orElseThrow().takes(true)).isTrue();
        assertThat(MpayPayType.byCode("P").orElseThrow().takes(false)).isTrue();
        assertThat(MpayPayType.byCode("M")).isEmpty();
    }
}
