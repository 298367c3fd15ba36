package io.llgate.protocol;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The shapes of a card holder's fields (card number, identity number, mobile, expiry, CVV2), shared by the gateway,
 * which refuses what breaks them with {@code 1004}, and the SDK, which checks a request before sending it.
 */
public final class CardHolderRules {
    /** UnionPay card numbers are 12 to 19 digits (13–19 in practice; a few old debit cards are shorter). */
    private static final Pattern CARD = Pattern.compile("[0-9]{12,19}");
    /** Mainland mobiles: 11 digits starting 13–19. */
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern OLD_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern NEW_ID = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern OTHER_ID = Pattern.compile("[A-Za-z0-9()（）-]{5,32}");
    private static final Pattern VALI_DATE = Pattern.compile("(0[1-9]|1[0-2])[0-9]{2}");
    private static final Pattern CVV2 = Pattern.compile("[0-9]{3}");
    /** GB 11643: weights of the first 17 digits, and the check character for each remainder mod 11. */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    /** The most characters a holder's name may have. */
    public static final int MAX_NAME = 32;

    private CardHolderRules() {
    }

    public static boolean isCardNo(String value) {
        return value != null && CARD.matcher(value).matches();
    }

    public static boolean isMainlandMobile(String value) {
        return value != null && MAINLAND_MOBILE.matcher(value).matches();
    }

    /** A real name: Chinese or Latin letters, spaces and the middle dot of transliterated names; no digits. */
    public static boolean isName(String value) {
        return value != null && !value.isBlank() && value.codePointCount(0, value.length()) <= MAX_NAME
                && value.codePoints().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '·' || c == '.');
    }

    /**
     * A PRC identity card number: 18 characters whose last is the GB 11643 check character (upper-case X for ten), or
     * the 15 digits of the old cards, and in both a real birth date.
     */
    public static boolean isPrcIdNo(String id) {
        if (id == null) {
            return false;
        }
        if (OLD_ID.matcher(id).matches()) {
            return isRealDate("19" + id.substring(6, 12));
        }
        if (!NEW_ID.matcher(id).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return id.charAt(17) == CHECK_CHARACTERS.charAt(sum % 11) && isRealDate(id.substring(6, 14));
    }

    /** Another identity document's number: 5 to 32 letters, digits, brackets or dashes. */
    public static boolean isOtherIdNo(String value) {
        return value != null && OTHER_ID.matcher(value).matches();
    }

    /** A credit card's expiry as printed, {@code MMYY} (20 E20); whether it has passed is the gateway's check. */
    public static boolean isValiDate(String value) {
        return value != null && VALI_DATE.matcher(value).matches();
    }

    public static boolean isCvv2(String value) {
        return value != null && CVV2.matcher(value).matches();
    }

    private static boolean isRealDate(String yyyyMMdd) {
        try {
            LocalDate.parse(yyyyMMdd, DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
