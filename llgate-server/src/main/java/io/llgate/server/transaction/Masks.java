package io.llgate.server.transaction;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What operators' views show of card numbers, ID numbers and mobile numbers: the first six and the last four
 * characters of a card or an ID number, the first three and the last four digits of a mobile. Fields are masked
 * by name wherever they appear (a fact, a JSON body or answer); a mobile number is masked in any text.
 */
final class Masks {
    /** Wire fields that carry a card or account number, or a person's ID number. */
    private static final Set<String> NUMBER_FIELDS = Set.of("card_no", "id_no", "acct_no", "bank_account",
            "card_number", "id_number");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(" + String.join("|", NUMBER_FIELDS) + ")\"(\\s*:\\s*)\"([^\"]*)\"");
    /** A mainland mobile number standing alone: 11 digits from 13x to 19x, with no digit either side. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");

    private Masks() {
    }

    /** A named value: masked as a number when its field carries one, and for mobiles in any case. */
    static String field(String name, String value) {
        if (value == null) {
            return null;
        }
        return NUMBER_FIELDS.contains(name) ? number(value) : mobiles(value);
    }

    /** Text such as a JSON body or an answer's first bytes, with its number fields and mobiles masked. */
    static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = JSON_FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    "\"" + m.group(1) + "\"" + m.group(2) + "\"" + number(m.group(3)) + "\""));
        }
        m.appendTail(out);
        return mobiles(out.toString());
    }

    /** A card or ID number: its first six and last four characters; a short or already masked one stays. */
    static String number(String value) {
        if (value.length() <= 10 || value.contains("*")) {
            return value;
        }
        return value.substring(0, 6) + "*".repeat(value.length() - 10) + value.substring(value.length() - 4);
    }

    private static String mobiles(String text) {
        return MOBILE.matcher(text).replaceAll("$1****$3");
    }
}
