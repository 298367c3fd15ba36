package io.llgate.server.kernel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llgate.protocol.FieldRules;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payer's risk parameters ({@code risk_item}): a JSON object sent as a string. It must be a JSON object (or a
 * JSON string holding one); which keys it carries is LianLian's risk check, not a reason to refuse (14 D20):
 * LianLian's own web demo sends two of them. Nothing in it ever blocks a payment (D3).
 */
public record RiskItem(Map<String, String> values) {
    /** Reads one JSON value: text after it makes the whole no JSON. */
    private static final ObjectReader JSON = JsonMapper.builder().build().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public RiskItem {
        values = Map.copyOf(values);
    }

    /**
     * Reads {@code risk_item}: keys trimmed, aliases mapped, numbers and booleans as their text (D5, O3),
     * nested values as compact JSON. 1004 (risk_item) when it is not a JSON object or a JSON string holding one.
     */
    public static RiskItem parse(String text) {
        JsonNode node = object(text);
        if (node != null && node.isTextual()) {
            node = object(node.asText());
        }
        if (node == null || !node.isObject()) {
            throw Refusal.badField("risk_item");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(member -> {
            String key = member.getKey().trim();
            JsonNode value = member.getValue();
            if (!value.isNull()) {
                values.putIfAbsent(FieldRules.RISK_ITEM_ALIASES.getOrDefault(key, key),
                        value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return new RiskItem(values);
    }

    private static JsonNode object(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw Refusal.badField("risk_item");
        }
    }
}
