package io.llgate.client;

import io.llgate.protocol.FieldRules;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payer's risk parameters, {@code risk_item} (spec 14 §4), sent as a JSON string. Every key is passed on
 * unchecked; LianLian's risk check asks for the basic keys of §4.1. Build one with {@link #builder()}.
 *
 * @param values the keys and their values, in the order they are written
 */
public record RiskItem(Map<String, String> values) {
    /**
     * Leaves out null values. The basic keys are not required (spec 14, D20): LianLian's risk check, not the
     * gateway, asks for them; {@link #missingBasicKeys()} names the ones left out.
     */
    public RiskItem {
        Map<String, String> kept = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        values = Collections.unmodifiableMap(kept);
    }

    /** The basic keys of spec 14 §4.1 this risk item lacks or leaves blank, aliases counted. */
    public List<String> missingBasicKeys() {
        Map<String, String> byBasicName = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = key.trim();
            byBasicName.putIfAbsent(FieldRules.RISK_ITEM_ALIASES.getOrDefault(name, name), value);
        });
        return FieldRules.RISK_ITEM_BASIC_KEYS.stream()
                .filter(key -> byBasicName.getOrDefault(key, "").isBlank())
                .toList();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The JSON object sent as {@code risk_item}, every value a string. */
    public String json() {
        return FlatJson.write(values);
    }

    /** Builds a {@link RiskItem}; a builder never changes, each method answers a new one. */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> values) {
            this.values = values;
        }

        /** {@code frms_ware_category}: the goods' category code, e.g. {@code 4002}. */
        public Builder frmsWareCategory(String category) {
            return with("frms_ware_category", category);
        }

        /** {@code user_info_mercht_userno}: the payer's user id at the merchant. */
        public Builder userInfoMerchtUserno(String userId) {
            return with("user_info_mercht_userno", userId);
        }

        /** {@code user_info_dt_register}: when the payer registered at the merchant, {@code yyyyMMddHHmmss}. */
        public Builder userInfoDtRegister(String registered) {
            return with("user_info_dt_register", registered);
        }

        /** {@code user_info_dt_register} from a Beijing local date and time. */
        public Builder userInfoDtRegister(LocalDateTime beijingTime) {
            return with("user_info_dt_register", WireTime.dateTime(beijingTime));
        }

        /** {@code goods_name}: the goods' name. */
        public Builder goodsName(String goodsName) {
            return with("goods_name", goodsName);
        }

        /** {@code user_info_bind_phone}: the payer's phone number, when the merchant has it. */
        public Builder userInfoBindPhone(String phone) {
            return with("user_info_bind_phone", phone);
        }

        /** Any other key of spec 14 §4, passed on unchecked. */
        public Builder with(String key, String value) {
            Map<String, String> copy = new LinkedHashMap<>(values);
            copy.put(key, value);
            return new Builder(copy);
        }

        /** The risk item. */
        public RiskItem build() {
            return new RiskItem(values);
        }
    }
}
