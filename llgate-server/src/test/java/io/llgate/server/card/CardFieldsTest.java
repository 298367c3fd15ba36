package io.llgate.server.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardFieldsTest {
    /** 2026-12-05 in Beijing. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aCompleteDebitHolderPasses() {
        CardHolder holder = CardFields.holder("6222020000000000000", "王小明", "0", "11010119900307803X", "13800138000",
                null, false, CLOCK);
        assertThat(holder.idType()).isEqualTo(IdType.PRC_ID_CARD);
        assertThat(holder.valiDate()).isNull();
        assertThat(holder.maskedCard()).isEqualTo("622202*********0000");
        assertThat(holder.maskedMobile()).isEqualTo("138****8000");
        assertThat(holder.toString()).doesNotContain("6222020000000000000", "11010119900307803X", "13800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010119900307803X", "110101199003074514", "440524188001010014", "110101900307801"})
    void prcIdsWithTheirCheckCharacterOrOldFifteenDigitsPass(String id) {
        assertThat(CardFields.idNo(IdType.PRC_ID_CARD, id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"110101199003078031", "11010119900307803x", "110101199002307811", "11010119900307", "110101901307801", ""})
    void prcIdsWithAWrongCheckCharacterOrDateAreRefusedNamingIdNo(String id) {
        assertRefused(() -> CardFields.idNo(IdType.PRC_ID_CARD, id), "id_no");
    }

    @Test
    void otherDocumentsTakeLettersAndDigits() {
        assertThat(CardFields.idNo(IdType.PASSPORT, "E12345678")).isEqualTo("E12345678");
        assertRefused(() -> CardFields.idNo(IdType.PASSPORT, "E1 2"), "id_no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "1380013800", "138001380001", "+8613800138000", "852 9123 4567"})
    void onlyMainlandMobilesPass(String mobile) {
        assertRefused(() -> CardFields.bindMob(mobile), "bind_mob");
    }

    @Test
    void expiryIsMmyyAndNotInThePast() {
        assertThat(CardFields.valiDate("1226", CLOCK)).isEqualTo("1226");
        assertThat(CardFields.valiDate("0130", CLOCK)).isEqualTo("0130");
        assertRefused(() -> CardFields.valiDate("1126", CLOCK), "vali_date");
        assertRefused(() -> CardFields.valiDate("1326", CLOCK), "vali_date");
        assertRefused(() -> CardFields.valiDate("12/26", CLOCK), "vali_date");
        assertRefused(() -> CardFields.holder("6222300000000000", "王小明", "0", "11010119900307803X", "13800138000",
                null, true, CLOCK), "vali_date");
    }

    @Test
    void cvv2IsThreeDigitsAndNeverShown() {
        assertThat(CardFields.cvv2("123").toString()).doesNotContain("123");
        assertRefused(() -> CardFields.cvv2("12a"), "cvv2");
        assertRefused(() -> CardFields.cvv2(null), "cvv2");
    }

    @Test
    void eachElementNamesItsField() {
        assertRefused(() -> CardFields.cardNo("62220200000"), "card_no");
        assertRefused(() -> CardFields.cardNo("6222 0200 0000 0000"), "card_no");
        assertRefused(() -> CardFields.acctName("王小明2"), "acct_name");
        assertRefused(() -> CardFields.acctName(" "), "acct_name");
        assertRefused(() -> CardFields.idType("1"), "id_type");
        assertRefused(() -> CardFields.noAgree("2024-0315"), "no_agree");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code()).isEqualTo(RetCode.PARAM_ERROR);
            assertThat(r.field()).contains(field);
        });
    }
}
