package io.llgate.server.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What operators' views show of card, ID and mobile numbers, and what they leave alone. */
class MasksTest {

    @Test
    void numberFieldsKeepTheirFirstSixAndLastFour() {
        assertThat(Masks.field("card_no", "6217000012345678")).isEqualTo("621700******5678");
        assertThat(Masks.field("id_no", "11010119900307123X")).isEqualTo("110101********123X");
        assertThat(Masks.field("card_no", "621700******5678")).isEqualTo("621700******5678");
    }

    @Test
    void mobilesAreMaskedInAnyTextButLongerNumbersAreNot() {
        assertThat(Masks.field("user_id", "13912345678")).isEqualTo("139****5678");
        assertThat(Masks.field("memo", "call 13912345678 today")).isEqualTo("call 139****5678 today");
        // An oid_paybill, a dt_order and an amount are not mobiles.
        assertThat(Masks.field("oid_paybill", "2026120600000002")).isEqualTo("2026120600000002");
        assertThat(Masks.field("dt_order", "20261206002001")).isEqualTo("20261206002001");
    }

    @Test
    void jsonBodiesHaveTheirNumberFieldsMasked() {
        assertThat(Masks.text("{\"no_order\":\"A1\",\"card_no\":\"6217000012345678\",\"id_no\" : \"11010119900307123X\"}"))
                .isEqualTo("{\"no_order\":\"A1\",\"card_no\":\"621700******5678\",\"id_no\" : \"110101********123X\"}");
        assertThat(Masks.text("{\"user_info_bind_phone\":\"13800001111\"}"))
                .isEqualTo("{\"user_info_bind_phone\":\"138****1111\"}");
        assertThat(Masks.text(null)).isNull();
    }
}
