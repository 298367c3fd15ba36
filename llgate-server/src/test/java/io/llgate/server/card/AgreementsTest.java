package io.llgate.server.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.security.CardVault;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Card bindings on the gateway's database (H2, and PostgreSQL when the suite runs there). */
class AgreementsTest {
    private static final IssuedCard ICBC_DEBIT = new IssuedCard("01020000", "工商银行", false);
    private static Gateway gateway;
    private static Agreements agreements;
    private static AgreementOwner owner;
    private static AgreementOwner otherMerchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        agreements = new Agreements(new HolderSeal(new CardVault(new byte[32])), gateway.clock());
        owner = new AgreementOwner(idOf(TestMerchant.register(gateway, 0)), null);
        otherMerchant = new AgreementOwner(idOf(TestMerchant.register(gateway, 0)), null);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aPaymentBindsTheCardOnceAndTheBindingIsListedMaskedAndUnbound() {
        CardHolder holder = holder("6222020000000000101", "11010119900307803X");
        Agreement first = tx(h -> agreements.bindOnPayment(h, owner, "u1", holder, ICBC_DEBIT, "M"));
        Agreement again = tx(h -> agreements.bindOnPayment(h, owner, "u1", holder, ICBC_DEBIT, "M"));
        assertThat(first.noAgree()).matches("[0-9]{16}").isEqualTo(again.noAgree());
        assertThat(first.maskedCard()).isEqualTo("622202*********0101");
        assertThat(first.lastFour()).isEqualTo("0101");
        assertThat(first.maskedMobile()).isEqualTo("138****8000");
        assertThat(agreements.holder(first)).isEqualTo(holder);

        assertThat(listOf("u1")).extracting(Agreement::noAgree).containsExactly(first.noAgree());
        assertThat(tx(h -> agreements.ofUser(h, owner, "u1", first.noAgree())).id()).isEqualTo(first.id());
        tx(h -> agreements.unbind(h, owner, "u1", first.noAgree()));
        assertThat(listOf("u1")).isEmpty();
        assertRefused(() -> tx(h -> agreements.ofUser(h, owner, "u1", first.noAgree())), RetCode.AGREEMENT_NOT_FOUND);

        Agreement rebound = tx(h -> agreements.bindOnPayment(h, owner, "u1", holder, ICBC_DEBIT, "M"));
        assertThat(rebound.noAgree()).isNotEqualTo(first.noAgree());
    }

    @Test
    void unknownAgreementsAre3003AndAnotherUsersAre3011() {
        Agreement agreement = tx(h -> agreements.bindOnPayment(h, owner, "u2", holder("6222020000000000102",
                "11010119900307803X"), ICBC_DEBIT, "M"));
        assertRefused(() -> tx(h -> agreements.ofUser(h, owner, "u3", agreement.noAgree())), RetCode.USER_AGREEMENT_NOT_FOUND);
        assertRefused(() -> tx(h -> agreements.ofUser(h, otherMerchant, "u2", agreement.noAgree())), RetCode.AGREEMENT_NOT_FOUND);
        assertRefused(() -> tx(h -> agreements.ofUser(h, owner, "u2", "2099010100000000")), RetCode.AGREEMENT_NOT_FOUND);
        assertRefused(() -> tx(h -> agreements.unbind(h, owner, "u3", agreement.noAgree())), RetCode.USER_AGREEMENT_NOT_FOUND);
    }

    @Test
    void aUserBelongsToOnePersonAndBindsACardOnce() {
        CardHolder holder = holder("6222020000000000103", "11010119900307803X");
        tx(h -> agreements.bind(h, owner, "u4", holder, ICBC_DEBIT, "M"));
        assertRefused(() -> tx(h -> agreements.bind(h, owner, "u4", holder, ICBC_DEBIT, "M")), RetCode.CARD_ALREADY_BOUND);
        CardHolder someoneElse = new CardHolder("6222020000000000104", "李四", IdType.PRC_ID_CARD, "110101199003074514",
                "13800138000", null);
        assertRefused(() -> tx(h -> agreements.bind(h, owner, "u4", someoneElse, ICBC_DEBIT, "M")),
                RetCode.NEW_CARD_HOLDER_INCONSISTENT);
        CardHolder secondCard = holder("6222020000000000105", "11010119900307803X");
        assertThat(tx(h -> agreements.bind(h, owner, "u4", secondCard, ICBC_DEBIT, "M")).lastFour()).isEqualTo("0105");
    }

    @Test
    void concurrentFirstPaymentsOfOneCardMakeOneBinding() throws Exception {
        CardHolder holder = holder("6222020000000000106", "11010119900307803X");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> binds = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                binds.add(pool.submit((Callable<String>) () ->
                        tx(h -> agreements.bindOnPayment(h, owner, "u5", holder, ICBC_DEBIT, "M")).noAgree()));
            }
            List<String> noAgrees = new ArrayList<>();
            for (Future<String> bind : binds) {
                noAgrees.add(bind.get());
            }
            assertThat(noAgrees).containsOnly(noAgrees.get(0));
            assertThat(listOf("u5")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nothingIsStoredInClear() {
        CardHolder holder = holder("6222020000000000107", "11010119900307803X");
        tx(h -> agreements.bindOnPayment(h, owner, "u6", holder, ICBC_DEBIT, "M"));
        List<String> rows = tx(h -> h.createQuery("SELECT * FROM card_agreement WHERE user_id = 'u6'")
                .map((rs, ctx) -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        all.append(rs.getString(i)).append('|');
                    }
                    return all.toString();
                }).list());
        assertThat(rows).singleElement().asString()
                .doesNotContain("6222020000000000107", "11010119900307803X", "13800138000", "王小明");
    }

    private static List<Agreement> listOf(String userId) {
        return gateway.jdbi().inTransaction(h -> agreements.list(h, owner, userId));
    }

    private static CardHolder holder(String card, String id) {
        return new CardHolder(card, "王小明", IdType.PRC_ID_CARD, id, "13800138000", null);
    }

    private static <T> T tx(HandleCallback<T, RuntimeException> work) {
        return gateway.jdbi().inTransaction(work::withHandle);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RetCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(code));
    }

    private static long idOf(TestMerchant merchant) {
        return gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
    }
}
