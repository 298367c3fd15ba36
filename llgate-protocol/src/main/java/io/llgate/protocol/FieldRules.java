package io.llgate.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field rules the gateway enforces and a merchant's client checks before sending, written once so
 * both sides agree: what text is, lengths in characters, URLs, card and bank numbers, the memo filter and
 * the keys {@code risk_item} must carry.
 */
public final class FieldRules {
    /** A payee card or account number: 6 to 32 digits. */
    public static final String CARD_NO = "\\d{6,32}";
    /** A bank card number to look up by its BIN (spec 14 §3, §3b): a UnionPay card's 12 to 19 digits. */
    public static final String BIN_CARD_NO = "\\d{12,19}";
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

    /**
     * The free-text fields, which may run over several lines: TAB, LF and CR are accepted in them (a goods
     * description or a pretty-printed {@code risk_item} may hold them). Every other field is one line.
     */
    public static final Set<String> MULTILINE_FIELDS = Set.of("info_order", "name_goods", "memo", "risk_item");

    /** Every character outside letters, digits, CJK U+4E00–U+9FA5, '-' and '_' is removed from a memo. */
    private static final Pattern MEMO_REMOVED = Pattern.compile("[^a-zA-Z0-9\\u4e00-\\u9fa5\\-_]");

    private FieldRules() {
    }

    /**
     * The length in characters (Unicode code points), which is what the spec's String(n) counts: a character
     * outside the Basic Multilingual Plane (an emoji, a rare CJK character of a name) is one, as in PostgreSQL,
     * though Java and H2 store it as two UTF-16 units.
     */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /**
     * Whether {@code value} is text the gateway accepts in the field {@code name}: well-formed Unicode (no
     * unpaired surrogate, which no encoding can carry) without control characters (Unicode category Cc: the C0
     * controls, NUL among them, DEL and the C1 controls). Only the {@link #MULTILINE_FIELDS} may hold TAB, LF
     * and CR. No merchant's data needs a control character in an order number or a name, and they break what
     * the gateway writes: PostgreSQL stores no NUL, report files are lines, pages and logs show the text.
     */
    public static boolean isText(String name, String value) {
        return isText(value, MULTILINE_FIELDS.contains(name));
    }

    /** Whether {@code value} is one line of text: as {@link #isText} for a field that is not free text. */
    public static boolean isLineOfText(String value) {
        return isText(value, false);
    }

    private static boolean isText(String value, boolean multiline) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.getType(c) == Character.SURROGATE) {
                return false;
            }
            if (Character.getType(c) == Character.CONTROL && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * Whether the text is an absolute http or https URL with a host and, when it names a port, a port a
     * connection can be made to (1 to 65535).
     */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && (port == -1 || (port >= 1 && port <= 65535));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The memo as banks receive it: only letters, digits, CJK, '-' and '_' are kept. */
    public static String filterMemo(String memo) {
        return MEMO_REMOVED.matcher(memo).replaceAll("");
    }

    /** A mainland mobile ({@code bind_mob}): 11 digits starting 13 to 19. */
    public static final String MAINLAND_MOBILE = "1[3-9][0-9]{9}";
    /** GB 11643: weights of an 18-character PRC ID's first 17 digits, and the check character of each remainder. */
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARACTERS = "10X98765432";

    /**
     * Whether the text is a PRC ID card number: 18 characters whose last is the GB 11643 check character (upper-case
     * X for ten), or the 15 digits of the old cards; both with a real birth date.
     */
    public static boolean isPrcIdNumber(String id) {
        if (id == null) {
            return false;
        }
        if (id.matches("[0-9]{15}")) {
            return isRealDate("19" + id.substring(6, 12));
        }
        if (!id.matches("[0-9]{17}[0-9X]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return id.charAt(17) == ID_CHECK_CHARACTERS.charAt(sum % 11) && isRealDate(id.substring(6, 14));
    }

    private static boolean isRealDate(String yyyyMMdd) {
        try {
            java.time.LocalDate.parse(yyyyMMdd, java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd")
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT));
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
