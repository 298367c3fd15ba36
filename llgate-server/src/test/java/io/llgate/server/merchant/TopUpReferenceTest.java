package io.llgate.server.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A top-up's reference belongs to its merchant: another merchant may use it, and it never blocks a registration. */
class TopUpReferenceTest {
    static Gateway gateway;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void twoMerchantsMayUseTheSameReferenceButOneMerchantOnlyOnce() {
        String a = TestMerchant.register(gateway, 0).oidPartner();
        String b = TestMerchant.register(gateway, 0).oidPartner();

        assertThat(topUp(a, "10.00", "wire-2024-06-12-001").status()).isEqualTo(200);
        TestAdmin.Response other = topUp(b, "7.00", "wire-2024-06-12-001");
        TestAdmin.Response again = topUp(a, "10.00", "wire-2024-06-12-001");

        assertThat(other.status()).as("%s", other.json()).isEqualTo(200);
        assertThat(other.json().path("amt_balance").asText()).isEqualTo("7.00");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText())
                .isEqualTo("merchant " + a + " already has a top-up with reference wire-2024-06-12-001");
        assertThat(balance(a)).isEqualTo("10.00");
    }

    @Test
    void topUpsWithoutAReferenceAreEachMade() {
        String a = TestMerchant.register(gateway, 0).oidPartner();

        assertThat(topUp(a, "1.00", null).status()).isEqualTo(200);
        assertThat(topUp(a, "1.00", null).status()).isEqualTo(200);

        assertThat(balance(a)).isEqualTo("2.00");
    }

    @Test
    void theGatewaysOwnReferencesCannotBeTakenAndRegistrationStillWorks() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        String a = merchant.oidPartner();
        String later = "201966600000000001";

        TestAdmin.Response taken = topUp(a, "1.00", "opening:" + later);
        TestAdmin.Response registered = admin.post("/admin/merchants", "{\"oid_partner\":\"" + later
                + "\",\"public_key\":\"" + RsaKeys.base64(merchant.keys().getPublic()) + "\",\"balance\":\"50.00\"}");

        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().path("error").asText())
                .isEqualTo("reference must be 1 to 64 letters, digits, '.', '_', '/' or '-'");
        assertThat(registered.status()).as("%s", registered.json()).isEqualTo(201);
        assertThat(registered.json().path("amt_balance").asText()).isEqualTo("50.00");
        assertThat(balance(a)).isEqualTo("0.00");
    }

    @Test
    void aReferenceOfSixtyFourCharactersIsTakenAndOfSixtyFiveRefused() {
        String a = TestMerchant.register(gateway, 0).oidPartner();

        assertThat(topUp(a, "1.00", "r".repeat(64)).status()).isEqualTo(200);
        TestAdmin.Response tooLong = topUp(a, "1.00", "r".repeat(65));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").asText()).startsWith("reference must be 1 to 64");
        assertThat(balance(a)).isEqualTo("1.00");
    }

    private static TestAdmin.Response topUp(String oid, String amount, String reference) {
        return admin.post("/admin/merchants/" + oid + "/topup", "{\"amount\":\"" + amount + "\""
                + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}");
    }

    private static String balance(String oid) {
        return admin.get("/admin/merchants/" + oid).json().path("amt_balance").asText();
    }
}
