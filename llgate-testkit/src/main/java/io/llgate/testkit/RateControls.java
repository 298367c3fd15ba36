package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's exchange-rate table, through the gateway's sandbox and admin APIs: set the rate the next exchange
 * payment is priced at, and read the one in force. Rates are yuan per one unit of the currency, four decimals; a
 * sandbox starts with the default table of docs/operator/rates.md (USD 7.1500, EUR 7.8000, JPY 0.0480, ...).
 */
public final class RateControls {
    private final GatewayApi api;

    RateControls(GatewayApi api) {
        this.api = api;
    }

    /**
     * Sets {@code currency}'s rate from now on, such as {@code set("USD", "7.2000")}, ending the one in force, as
     * {@code POST /sandbox/rates} does; answers the stored rate's id. Fails with the gateway's reason for a currency
     * it does not support or a rate with more than four decimals.
     */
    public long set(String currency, String rate) {
        return api.post("/sandbox/rates", Map.of("currency", currency, "rate", rate)).get("id").asLong();
    }

    /** The rate of {@code currency} in force now, as the wire writes it ({@code 7.1500}); empty when it has none. */
    public Optional<String> current(String currency) {
        JsonNode rates = api.get("/admin/rates?currency=" + GatewayApi.segment(currency)).get("rates");
        return rates.isEmpty() ? Optional.empty() : Optional.of(rates.get(0).get("rate").asText());
    }
}
