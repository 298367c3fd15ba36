package io.llgate.server.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The lookups other packages read merchants through, instead of joining the merchant table. */
class MerchantLookupTest {

    @Test
    void labelsAPageOfRowIdsWithTheirOidPartnersLeavingUnknownIdsOut() {
        try (Gateway gateway = TestGateways.start()) {
            Merchants merchants = gateway.merchants();
            List<TestMerchant> registered = List.of(TestMerchant.register(gateway, 0), TestMerchant.register(gateway, 0),
                    TestMerchant.register(gateway, 0));
            List<Long> ids = new ArrayList<>();
            for (TestMerchant m : registered) {
                ids.add(merchants.find(m.oidPartner()).orElseThrow().id());
            }
            // More ids than one lookup binds, with repeats, as a page of rows of few merchants has.
            List<Long> page = new ArrayList<>(LongStream.range(1_000_000, 1_001_200).boxed().toList());
            page.addAll(ids);
            page.addAll(ids);

            Map<Long, String> oids = gateway.jdbi().withHandle(h -> merchants.oidPartners(h, page));

            assertThat(oids).containsOnlyKeys(ids);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(oids.get(ids.get(i))).isEqualTo(registered.get(i).oidPartner());
            }
            Map<Long, String> none = gateway.jdbi().withHandle(h -> merchants.oidPartners(h, List.of()));
            assertThat(none).isEmpty();
            Optional<Long> known = gateway.jdbi().withHandle(h -> merchants.idOf(h, registered.get(1).oidPartner()));
            assertThat(known).contains(ids.get(1));
            Optional<Long> unknown = gateway.jdbi().withHandle(h -> merchants.idOf(h, "999999999999999999"));
            assertThat(unknown).isEmpty();
        }
    }
}
