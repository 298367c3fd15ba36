package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.PayeeKind;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An instant payment (payout) apply, spec 10 §3: checked on construction by the gateway's own rules,
 * so a request that exists is one the gateway accepts field by field. Build one with {@link #builder()}.
 *
 * @param payeeKind   a personal card ({@code flag_card} {@code 0}) or a corporate account ({@code 1})
 * @param bankCode    required for {@link PayeeKind#CORPORATE}, else null
 * @param prcptcd     corporate only, optional: the branch's 12-digit large-value bank number
 * @param cityCode    corporate only, optional: the branch's 6-digit province or city code
 * @param brabankName corporate only, optional: the branch's name
 * @param apiVersion  {@code 1.0} (what LianLian's SDK sends) or {@code 1.1}
 */
public record PayoutRequest(String noOrder, String dtOrder, String moneyOrder, PayeeKind payeeKind, String cardNo,
                            String acctName, String bankCode, String prcptcd, String cityCode, String brabankName,
                            String infoOrder, String memo, String notifyUrl, String apiVersion) {
    static final Set<String> API_VERSIONS = Set.of("1.0", "1.1");

    /** Checks every field in the order of the spec's table, as the gateway does, and normalizes the amount. */
    public PayoutRequest {
        apiVersion = Check.oneOf("api_version", apiVersion == null ? "1.0" : apiVersion, API_VERSIONS);
        if (payeeKind == null) {
            throw new InvalidFieldException("flag_card", "is required");
        }
        moneyOrder = Check.amount("money_order", moneyOrder);
        Check.text("no_order", noOrder, 32);
        Check.dateTime("dt_order", dtOrder);
        Check.matching("card_no", cardNo, FieldRules.CARD_NO, "6 to 32 digits");
        Check.text("acct_name", acctName, 100);
        Check.text("info_order", infoOrder, 255);
        if (memo == null || memo.isEmpty()) {
            throw new InvalidFieldException("memo", "is required");
        }
        if (FieldRules.length(FieldRules.filterMemo(memo)) > FieldRules.MEMO_MAX) {
            throw new InvalidFieldException("memo", "keeps more than " + FieldRules.MEMO_MAX
                    + " characters once everything but letters, digits, CJK, '-' and '_' is removed");
        }
        Check.url("notify_url", notifyUrl, 128);
        if (payeeKind == PayeeKind.CORPORATE || !SignSource.isAbsent(bankCode)) {
            Check.matching("bank_code", bankCode, FieldRules.BANK_CODE, "an 8-digit bank code");
        }
        // The branch is recommended for a corporate account, not required (spec 10, I2); a personal card has none.
        prcptcd = branchField(payeeKind, "prcptcd", prcptcd);
        cityCode = branchField(payeeKind, "city_code", cityCode);
        brabankName = branchField(payeeKind, "brabank_name", brabankName);
        if (prcptcd != null) {
            Check.matching("prcptcd", prcptcd, FieldRules.PRCPTCD, "a 12-digit large-value bank number");
        }
        if (cityCode != null) {
            Check.matching("city_code", cityCode, FieldRules.CITY_CODE, "a 6-digit province or city code");
        }
        if (brabankName != null) {
            Check.text("brabank_name", brabankName, FieldRules.BRABANK_NAME_MAX);
        }
    }

    private static String branchField(PayeeKind kind, String name, String value) {
        if (SignSource.isAbsent(value)) {
            return null;
        }
        if (kind != PayeeKind.CORPORATE) {
            throw new InvalidFieldException(name, "is only for a corporate account");
        }
        return value;
    }

    /** An empty builder; the payee starts as {@link PayeeKind#PERSONAL} and {@code api_version} as 1.0. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The amount in fen. */
    public long moneyOrderFen() {
        return Check.fen(moneyOrder);
    }

    /** The inner fields, before {@code oid_partner} and the signature are added. */
    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("acct_name", acctName);
        f.put("api_version", apiVersion);
        f.put("bank_code", bankCode);
        f.put("brabank_name", brabankName);
        f.put("card_no", cardNo);
        f.put("city_code", cityCode);
        f.put("dt_order", dtOrder);
        f.put("flag_card", payeeKind.flagCard());
        f.put("info_order", infoOrder);
        f.put("memo", memo);
        f.put("money_order", moneyOrder);
        f.put("no_order", noOrder);
        f.put("notify_url", notifyUrl);
        f.put("prcptcd", prcptcd);
        return f;
    }

    /** Card number and payee name are personal data: only the last four digits are shown. */
    @Override
    public String toString() {
        return "PayoutRequest[noOrder=" + noOrder + ", moneyOrder=" + moneyOrder + ", payeeKind=" + payeeKind
                + ", cardNo=****" + cardNo.substring(cardNo.length() - 4) + ", notifyUrl=" + notifyUrl + "]";
    }

    /**
     * Builds a {@link PayoutRequest}. A builder never changes: each method answers a new one, so a partly
     * filled builder (the same {@code notify_url} and {@code memo} for every payout) can be shared as a template.
     */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> values) {
            this.values = values;
        }

        /** {@code no_order}: the merchant's unique payout number, at most 32 characters. */
        public Builder noOrder(String noOrder) {
            return with("no_order", noOrder);
        }

        /** {@code dt_order}: the order time, {@code yyyyMMddHHmmss} in Beijing time. */
        public Builder dtOrder(String dtOrder) {
            return with("dt_order", dtOrder);
        }

        /** {@code dt_order} from a Beijing local date and time. */
        public Builder dtOrder(LocalDateTime beijingTime) {
            return with("dt_order", WireTime.dateTime(beijingTime));
        }

        /** {@code money_order}: yuan with at most two decimals, 0.01 to 100,000,000.00. */
        public Builder moneyOrder(String yuan) {
            return with("money_order", yuan);
        }

        /** {@code money_order} from fen. */
        public Builder moneyOrderFen(long fen) {
            return with("money_order", Amounts.format(fen));
        }

        /** {@code flag_card}: a personal card (the default, {@code 0}) or a corporate account ({@code 1}). */
        public Builder payeeKind(PayeeKind payeeKind) {
            return with("flag_card", payeeKind == null ? null : payeeKind.name());
        }

        /** {@code card_no}: the payee's card or account number, 6 to 32 digits. */
        public Builder cardNo(String cardNo) {
            return with("card_no", cardNo);
        }

        /** {@code acct_name}: the payee's name, as the bank knows it. */
        public Builder acctName(String acctName) {
            return with("acct_name", acctName);
        }

        /** {@code bank_code}: the payee's 8-digit bank code; required for a corporate account. */
        public Builder bankCode(String bankCode) {
            return with("bank_code", bankCode);
        }

        /**
         * {@code prcptcd}: a corporate account's branch by its 12-digit large-value (CNAPS) bank number, from the
         * branch number query; recommended, not required. When given it wins over city and name.
         */
        public Builder prcptcd(String prcptcd) {
            return with("prcptcd", prcptcd);
        }

        /** {@code city_code}: a corporate account's branch province or city, 6 digits; with {@link #brabankName}. */
        public Builder cityCode(String cityCode) {
            return with("city_code", cityCode);
        }

        /** {@code brabank_name}: a corporate account's branch name; with {@link #cityCode}. */
        public Builder brabankName(String brabankName) {
            return with("brabank_name", brabankName);
        }

        /** {@code info_order}: the purpose, returned in notifications and queries; at most 255 characters. */
        public Builder infoOrder(String infoOrder) {
            return with("info_order", infoOrder);
        }

        /** {@code memo}: the remark for the payee's statement; at most 24 letters, digits, CJK, '-' or '_'. */
        public Builder memo(String memo) {
            return with("memo", memo);
        }

        /** {@code notify_url}: where the gateway posts the result, at most 128 characters. */
        public Builder notifyUrl(String notifyUrl) {
            return with("notify_url", notifyUrl);
        }

        /** {@code api_version}: 1.0 (the default, what LianLian's SDK sends) or 1.1. */
        public Builder apiVersion(String apiVersion) {
            return with("api_version", apiVersion);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public PayoutRequest build() {
            String kind = values.getOrDefault("flag_card", PayeeKind.PERSONAL.name());
            return new PayoutRequest(values.get("no_order"), values.get("dt_order"), values.get("money_order"),
                    kind == null ? null : PayeeKind.valueOf(kind), values.get("card_no"), values.get("acct_name"),
                    values.get("bank_code"), values.get("prcptcd"), values.get("city_code"), values.get("brabank_name"),
                    values.get("info_order"), values.get("memo"), values.get("notify_url"), values.get("api_version"));
        }

        private Builder with(String name, String value) {
            Map<String, String> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
