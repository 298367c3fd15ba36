package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.client.BoundCard;
import io.llgate.client.CardType;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateReturnCodeException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A test card bound in one call through the sandbox's card controls, then listed and unbound through the SDK. */
@LlGateSandbox
class CardBindingSandboxTest {
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000L);

    private final Sandbox sandbox;
    private final LlGateClient client;

    CardBindingSandboxTest(Sandbox sandbox, LlGateClient client) {
        this.sandbox = sandbox;
        this.client = client;
    }

    private static String newMobile() {
        return "136" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L);
    }

    @Test
    void aTestCardIsBoundInOneCallListedAndUnbound() {
        String user = "kit" + NUMBERS.incrementAndGet();

        BoundCard debit = sandbox.cards().bind(user, TestCard.CMB_DEBIT, newMobile());
        BoundCard credit = sandbox.cards().bind(user, TestCard.ICBC_CREDIT, newMobile());

        assertThat(debit.cardNoLastFour()).isEqualTo("0003");
        assertThat(client.cardBinding().list(user).bindings())
                .extracting(b -> b.noAgree() + " " + b.cardType() + " " + b.bankCode())
                .containsExactly(credit.noAgree() + " " + CardType.CREDIT + " 01020000",
                        debit.noAgree() + " " + CardType.DEBIT + " 03080000");
        assertThatThrownBy(() -> sandbox.cards().bind(user, TestCard.CMB_DEBIT, newMobile()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("9913"));

        client.cardBinding().unbind(user, debit.noAgree());

        assertThat(client.cardBinding().list(user).bindings()).extracting(b -> b.noAgree())
                .containsExactly(credit.noAgree());
    }

    @Test
    void aTestCardTheIssuerRefusesIsRefusedBeforeAnyCode() {
        assertThatThrownBy(() -> sandbox.cards().bind("kit" + NUMBERS.incrementAndGet(), TestCard.CCB_DEBIT_LOST,
                newMobile()))
                .isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> assertThat(e.retCode()).isEqualTo("1101"));
    }
}
