package io.llgate.server.card;

import io.llgate.protocol.FieldRules;
import io.llgate.protocol.WireTime;
import io.llgate.server.kernel.Refusal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The checks of a card holder's fields, shared by every product that takes a card (card payments, card binding,
 * MPAY, exchange). Each refusal is {@code 1004} naming its field; values are never echoed, so a refusal leaks no
 * card data.
 */
public final class CardFields {
    public static final String CARD_NO = "card_no";
    public static final String ACCT_NAME = "acct_name";
    public static final String ID_TYPE = "id_type";
    public static final String ID_NO = "id_no";
    public static final String BIND_MOB = "bind_mob";
    public static final String VALI_DATE = "vali_date";
    public static final String CVV2 = "cvv2";
    public static final String NO_AGREE = "no_agree";

    /** UnionPay card numbers are 12 to 19 digits (13–19 in practice; a few old debit cards are shorter). */
    private static final Pattern CARD = Pattern.compile("[0-9]{12,19}");
    /** Mainland mobiles: 11 digits starting 13–19. */
    private static final Pattern MAINLAND_MOBILE = Pattern.compile(FieldRules.MAINLAND_MOBILE);
    private static final Pattern OTHER_ID = Pattern.compile("[A-Za-z0-9()（）-]{5,32}");
    private static final Pattern VALI_DATE_DIGITS = Pattern.compile("(0[1-9]|1[0-2])[0-9]{2}");
    private static final Pattern CVV2_DIGITS = Pattern.compile("[0-9]{3}");
    private static final Pattern NO_AGREE_DIGITS = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final int MAX_NAME = 32;

    private CardFields() {
    }

    /** Checks every element of a card holder; {@code valiDate} is needed for a credit card only. */
    public static CardHolder holder(String cardNo, String acctName, String idType, String idNo, String bindMob,
            String valiDate, boolean credit, Clock clock) {
        String card = cardNo(cardNo);
        String name = acctName(acctName);
        // A holder without an identity document only where the product does not ask for one (exchange payment, X11);
        // a document's form was checked when the card was read, for the product that read it.
        boolean noDocument = idType == null && idNo == null;
        IdType type = noDocument ? null : anyIdType(idType);
        String id = noDocument ? null : idNo(type, idNo);
        String mobile = bindMob(bindMob);
        String expiry = credit ? valiDate(valiDate, clock) : null;
        return new CardHolder(card, name, type, id, mobile, expiry);
    }

    public static String cardNo(String value) {
        if (value == null || !CARD.matcher(value).matches()) {
            throw Refusal.badField(CARD_NO);
        }
        return value;
    }

    /** A real name: Chinese or Latin letters, spaces and the middle dot of transliterated names; no digits. */
    public static String acctName(String value) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > MAX_NAME
                || !value.codePoints().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '·' || c == '.')) {
            throw Refusal.badField(ACCT_NAME);
        }
        return value.strip();
    }

    /** One of the documented {@code id_type} values. */
    public static IdType idType(String value) {
        return IdType.of(value == null ? "" : value).filter(IdType::documented)
                .orElseThrow(() -> Refusal.badField(ID_TYPE));
    }

    /** One of the documented {@code id_type} values or those LianLian's MPAY SDK adds (14 D19). */
    public static IdType anyIdType(String value) {
        return IdType.of(value == null ? "" : value).orElseThrow(() -> Refusal.badField(ID_TYPE));
    }

    /**
     * An identity number of its type: a PRC ID card has 18 characters whose last is the GB 11643 check character
     * (upper-case X for ten), or the 15 digits of the old cards, and in both a real birth date; other documents
     * 5 to 32 letters and digits.
     */
    public static String idNo(IdType type, String value) {
        boolean valid = value != null && switch (type) {
            case PRC_ID_CARD -> FieldRules.isPrcIdNumber(value);
            default -> OTHER_ID.matcher(value).matches();
        };
        if (!valid) {
            throw Refusal.badField(ID_NO);
        }
        return value;
    }

    public static String bindMob(String value) {
        if (value == null || !MAINLAND_MOBILE.matcher(value).matches()) {
            throw Refusal.badField(BIND_MOB);
        }
        return value;
    }

    /**
     * A credit card's expiry, {@code MMYY} (E20: exactly four digits, kept as sent); a card whose month has passed in
     * Beijing is refused.
     */
    public static String valiDate(String value, Clock clock) {
        if (value == null || !VALI_DATE_DIGITS.matcher(value).matches()) {
            throw Refusal.badField(VALI_DATE);
        }
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(value.substring(2)), Integer.parseInt(value.substring(0, 2)));
        if (expiry.isBefore(YearMonth.from(clock.instant().atZone(WireTime.BEIJING)))) {
            throw Refusal.badField(VALI_DATE);
        }
        return value;
    }

    public static Cvv2 cvv2(String value) {
        if (value == null || !CVV2_DIGITS.matcher(value).matches()) {
            throw Refusal.badField(CVV2);
        }
        return new Cvv2(value);
    }

    /** A binding token as merchants send it: at most 32 letters or digits (E12); the gateway issues 16 digits. */
    public static String noAgree(String value) {
        if (value == null || !NO_AGREE_DIGITS.matcher(value).matches()) {
            throw Refusal.badField(NO_AGREE);
        }
        return value;
    }
}
