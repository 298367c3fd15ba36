package io.llgate.server.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A merchant's list signing (spec 14 D11, D13): its text, and the admin API that sets it. */
class ListSigningTest {

    @Test
    void theTextNamesEachListOnceInNameOrderAndBlankIsTheDefault() {
        ListSigning signing = ListSigning.parse(" support_banklist = INCLUDE , card_list=exclude,");

        assertThat(signing.of("card_list")).contains(ListSigning.Mode.EXCLUDE);
        assertThat(signing.of("support_banklist")).contains(ListSigning.Mode.INCLUDE);
        assertThat(signing.text()).isEqualTo("card_list=exclude,support_banklist=include");
        assertThat(ListSigning.parse(signing.text())).isEqualTo(signing);
        assertThat(ListSigning.parse("")).isEqualTo(ListSigning.DEFAULT);
        assertThat(ListSigning.parse(null).of("card_list")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"card_list", "card_list=", "card_list=sign", "risk_list=exclude", "x=include",
        "card_list=include,card_list=exclude", "card_list=include=exclude"})
    void anotherListOrModeIsRefused(String text) {
        assertThatThrownBy(() -> ListSigning.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdminApiSetsShowsAndClearsItAndRefusesWhatItCannotRead() {
        try (Gateway gateway = Gateway.start(TestGateways.settings())) {
            TestAdmin admin = new TestAdmin(gateway);
            String path = "/admin/merchants/" + TestMerchant.register(gateway, 0).oidPartner();

            assertThat(admin.get(path).json().get("list_signing").asText()).isEmpty();
            TestAdmin.Response set = admin.patch(path, "{\"list_signing\":\"support_banklist=include,card_list=exclude\"}");
            assertThat(set.status()).isEqualTo(200);
            assertThat(set.json().get("list_signing").asText()).isEqualTo("card_list=exclude,support_banklist=include");

            TestAdmin.Response refused = admin.patch(path, "{\"list_signing\":\"card_list=maybe\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().toString()).contains("card_list=maybe");
            assertThat(admin.get(path).json().get("list_signing").asText())
                    .isEqualTo("card_list=exclude,support_banklist=include");

            assertThat(admin.patch(path, "{\"list_signing\":null}").json().get("list_signing").asText()).isEmpty();
        }
    }
}
