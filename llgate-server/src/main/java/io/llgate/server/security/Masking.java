package io.llgate.server.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks card numbers, ID numbers and mobile numbers in what pages show: in a text of JSON, of a JSON string
 * inside JSON, or of form fields, the value of every field whose name says it holds one. Identifiers that are
 * merely long numbers (oid_partner, oid_paybill) stay readable.
 */
public final class Masking {
    /** Field names whose values are a card, an ID or a mobile number: card_no, id_no, bind_mob, user_info_bind_phone... */
    private static final String SENSITIVE = "[A-Za-z_]*(?:card_no|cardno|acct_no|id_no|idcard|identify_card|id_card|"
            + "mob|phone)[A-Za-z_]*";
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\\\\?\"" + SENSITIVE + "\\\\?\"\\s*:\\s*\\\\?\")([^\"\\\\]*)");
    private static final Pattern FORM_FIELD = Pattern.compile("((?:^|[&?\\s])" + SENSITIVE + "=)([^&\\s\"]*)");

    private Masking() {
    }

    /** A mobile number standing alone in a text: 11 digits from 13x to 19x, with no digit either side. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    /**
     * A named field's value as pages show it: masked by its shape when its name says it holds a card, ID or mobile
     * number; otherwise with any mobile number in it masked (a merchant's {@code user_id} is often one).
     */
    public static String field(String name, String value) {
        if (value == null) {
            return null;
        }
        if (name.matches(SENSITIVE)) {
            return value.contains("*") ? value : value(value);
        }
        return MOBILE.matcher(value).replaceAll(m -> value(m.group()));
    }

    /** {@code text} with the values of its sensitive fields masked; null stays null. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return replace(FORM_FIELD, replace(JSON_FIELD, text));
    }

    /**
     * One value masked by its shape: an 11-digit mobile keeps its first three and last four digits, an ID number
     * its first three and last four, a card number its first six and last four (as query replies show it);
     * anything else its last four characters at most.
     */
    public static String value(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.matches("1\\d{10}")) {
            return value.substring(0, 3) + "****" + value.substring(7);
        }
        if (value.matches("\\d{17}[\\dXx]|\\d{15}")) {
            return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
        }
        if (value.matches("\\d{12,19}")) {
            return CardVault.mask(value);
        }
        int shown = Math.min(4, value.length() / 3);
        return "*".repeat(value.length() - shown) + value.substring(value.length() - shown);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + value(m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
