package io.llgate.server.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The refund state machine on its own: which moves are allowed, and that every other one is refused. */
class RefundStatusTest {

    @ParameterizedTest
    @CsvSource({"CREATED,PROCESSING", "PROCESSING,SUCCESS", "PROCESSING,FAILURE"})
    void theseMovesAreAllowed(RefundStatus from, RefundStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        from.requireMoveTo(to);
        assertThat(from.next()).contains(to);
    }

    @ParameterizedTest
    @EnumSource(RefundStatus.class)
    void everyOtherMoveIsRefused(RefundStatus from) {
        EnumSet<RefundStatus> allowed = switch (from) {
            case CREATED -> EnumSet.of(RefundStatus.PROCESSING);
            case PROCESSING -> EnumSet.of(RefundStatus.SUCCESS, RefundStatus.FAILURE);
            case SUCCESS, FAILURE -> EnumSet.noneOf(RefundStatus.class);
        };
        for (RefundStatus to : EnumSet.complementOf(allowed)) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
            assertThatThrownBy(() -> from.requireMoveTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(from.name()).hasMessageContaining(to.name());
        }
    }

    @Test
    void successAndFailureAreFinal() {
        assertThat(RefundStatus.SUCCESS.isFinal()).isTrue();
        assertThat(RefundStatus.FAILURE.isFinal()).isTrue();
        assertThat(RefundStatus.CREATED.isFinal()).isFalse();
        assertThat(RefundStatus.PROCESSING.isFinal()).isFalse();
        for (RefundStatus to : RefundStatus.values()) {
            assertThat(RefundStatus.SUCCESS.canMoveTo(to)).isFalse();
            assertThat(RefundStatus.FAILURE.canMoveTo(to)).isFalse();
        }
    }

    @Test
    void aRefundIsStoredProcessing() {
        assertThat(RefundStatus.INITIAL).isEqualTo(RefundStatus.PROCESSING);
    }

    @Test
    void staRefundIsTheCodeOfSection6() {
        assertThat(RefundStatus.CREATED.staRefund()).isEqualTo("0");
        assertThat(RefundStatus.PROCESSING.staRefund()).isEqualTo("1");
        assertThat(RefundStatus.SUCCESS.staRefund()).isEqualTo("2");
        assertThat(RefundStatus.FAILURE.staRefund()).isEqualTo("3");
    }
}
