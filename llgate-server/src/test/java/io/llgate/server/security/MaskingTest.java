package io.llgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What pages mask: the values of card, ID and mobile fields in JSON, in JSON inside JSON and in forms; nothing else. */
class MaskingTest {

    @Test
    void masksCardIdAndMobileFieldsInJson() {
        String masked = Masking.text("{\"oid_partner\":\"201800000000000001\",\"card_no\":\"6217000012345670002\","
                + "\"id_no\":\"11010119900307123X\",\"bind_mob\":\"13812345678\",\"oid_paybill\":\"2024061212345678\"}");
        assertThat(masked).isEqualTo("{\"oid_partner\":\"201800000000000001\",\"card_no\":\"621700*********0002\","
                + "\"id_no\":\"110***********123X\",\"bind_mob\":\"138****5678\",\"oid_paybill\":\"2024061212345678\"}");
    }

    @Test
    void masksInsideAJsonStringAndInForms() {
        assertThat(Masking.text("{\"risk_item\":\"{\\\"user_info_bind_phone\\\":\\\"13900001111\\\"}\"}"))
                .isEqualTo("{\"risk_item\":\"{\\\"user_info_bind_phone\\\":\\\"139****1111\\\"}\"}");
        assertThat(Masking.text("no_order=1&card_no=6217000012345670002&id_no=110101199003071234"))
                .isEqualTo("no_order=1&card_no=621700*********0002&id_no=110***********1234");
    }

    @Test
    void masksValuesByTheirShape() {
        assertThat(Masking.value("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.value("6217000012345670002")).isEqualTo("621700*********0002");
        assertThat(Masking.value("abcdef")).isEqualTo("****ef");
        assertThat(Masking.text(null)).isNull();
        assertThat(Masking.text("nothing to hide 201800000000000001")).isEqualTo("nothing to hide 201800000000000001");
    }

    @Test
    void masksAFieldByItsNameAndAMobileInAnyField() {
        assertThat(Masking.field("card_no", "6217000012345678")).isEqualTo("621700******5678");
        assertThat(Masking.field("card_no", "621700******5678")).isEqualTo("621700******5678");
        assertThat(Masking.field("user_id", "13912345678")).isEqualTo("139****5678");
        assertThat(Masking.field("memo", "call 13912345678 today")).isEqualTo("call 139****5678 today");
        assertThat(Masking.field("oid_paybill", "2026120600000002")).isEqualTo("2026120600000002");
        assertThat(Masking.field("dt_order", "20261206002001")).isEqualTo("20261206002001");
        assertThat(Masking.field("memo", null)).isNull();
    }
}
