package io.llgate.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field rules the gateway enforces and a merchant's client checks before sending, written once so
 * both sides agree: lengths in characters, URLs, card and bank numbers, the memo filter and the keys
 * {@code risk_item} must carry.
 */
public final class FieldRules {
    /** A payee card or account number: 6 to 32 digits. */
    public static final String CARD_NO = "\\d{6,32}";
    /** A bank code: 8 digits in practice, up to the field's 18. */
    public static final String BANK_CODE = "\\d{8,18}";
    /** {@code flag_card}: {@code 0} a personal card, {@code 1} and {@code 2} a corporate account (spec 10, I2; {@link PayeeKind}). */
    public static final String FLAG_CARD = "[012]";
    /** {@code prcptcd}: a branch's large-value (CNAPS) bank number, 12 digits (spec 14 §3b). */
    public static final String PRCPTCD = "\\d{12}";
    /** {@code city_code}: a province or city as a 6-digit administrative code (spec 14 §3b). */
    public static final String CITY_CODE = "\\d{6}";
    /** The longest {@code brabank_name}, a branch's full name; the reference gives no length, branch names are far shorter. */
    public static final int BRABANK_NAME_MAX = 100;
    /** The longest {@code memo}, counted after filtering (spec 10, I12). */
    public static final int MEMO_MAX = 24;
    /**
     * The basic keys of a {@code risk_item} (spec 14 §4.1) that LianLian's risk check asks for. Not a reason to
     * refuse (D20: LianLian's own web demo sends two of them); a sandbox names the missing ones as a hint.
     * {@code user_info_bind_phone} is left out: the reference wants it only "when the merchant has it".
     */
    public static final List<String> RISK_ITEM_BASIC_KEYS =
            List.of("frms_ware_category", "user_info_mercht_userno", "user_info_dt_register", "goods_name");
    /** Other spellings LianLian's documents use for basic {@code risk_item} keys (spec 14, D5, D6), read as those. */
    public static final Map<String, String> RISK_ITEM_ALIASES = Map.of(
            "frms_ware_code", "frms_ware_category",
            "user_info_dt_registe", "user_info_dt_register");

    /** Every character outside letters, digits, CJK U+4E00–U+9FA5, '-' and '_' is removed from a memo. */
    private static final Pattern MEMO_REMOVED = Pattern.compile("[^a-zA-Z0-9\\u4e00-\\u9fa5\\-_]");

    private FieldRules() {
    }

    /** The length in characters (code points), which is what the spec's String(n) counts. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** Whether the text is an absolute http or https URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The memo as banks receive it: only letters, digits, CJK, '-' and '_' are kept. */
    public static String filterMemo(String memo) {
        return MEMO_REMOVED.matcher(memo).replaceAll("");
    }
}
