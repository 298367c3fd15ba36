package io.llgate.server.onlinebanking;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.http.ApiException;
import io.llgate.server.http.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payer's risk parameters ({@code risk_item}): a JSON object sent as a string. It must parse and carry
 * the basic keys every merchant sends (14 §4.1); anything else is accepted and never blocks a payment (D3).
 */
public record RiskItem(Map<String, String> values) {
    /**
     * The basic keys required here. {@code user_info_bind_phone} is left out: the reference requires it only
     * "when the merchant has it".
     */
    static final List<String> BASIC_KEYS =
            List.of("frms_ware_category", "user_info_mercht_userno", "user_info_dt_register", "goods_name");
    /** D5, D6: other spellings the documents use for the same keys. */
    private static final Map<String, String> ALIASES = Map.of(
            "frms_ware_code", "frms_ware_category",
            "user_info_dt_registe", "user_info_dt_register");

    public RiskItem {
        values = Map.copyOf(values);
    }

    /**
     * Reads {@code risk_item}: keys trimmed, aliases mapped, numbers and booleans as their text (D5, O3),
     * nested values as compact JSON. 1004 (risk_item) when it is not a JSON object or lacks a basic key.
     */
    public static RiskItem parse(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (IOException e) {
            throw ApiException.badField("risk_item");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badField("risk_item");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(member -> {
            String key = member.getKey().trim();
            JsonNode value = member.getValue();
            if (!value.isNull()) {
                values.putIfAbsent(ALIASES.getOrDefault(key, key), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        for (String key : BASIC_KEYS) {
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                throw ApiException.badField("risk_item");
            }
        }
        return new RiskItem(values);
    }
}
