package io.llgate.server.card;

import io.llgate.protocol.CardHolderRules;
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

    private static final Pattern NO_AGREE_DIGITS = Pattern.compile("[0-9A-Za-z]{1,32}");

    private CardFields() {
    }

    /** Checks every element of a card holder; {@code valiDate} is needed for a credit card only. */
    public static CardHolder holder(String cardNo, String acctName, String idType, String idNo, String bindMob,
            String valiDate, boolean credit, Clock clock) {
        String card = cardNo(cardNo);
        String name = acctName(acctName);
        IdType type = idType(idType);
        String id = idNo(type, idNo);
        String mobile = bindMob(bindMob);
        String expiry = credit ? valiDate(valiDate, clock) : null;
        return new CardHolder(card, name, type, id, mobile, expiry);
    }

    public static String cardNo(String value) {
        if (!CardHolderRules.isCardNo(value)) {
            throw Refusal.badField(CARD_NO);
        }
        return value;
    }

    /** A real name: Chinese or Latin letters, spaces and the middle dot of transliterated names; no digits. */
    public static String acctName(String value) {
        if (!CardHolderRules.isName(value)) {
            throw Refusal.badField(ACCT_NAME);
        }
        return value.strip();
    }

    public static IdType idType(String value) {
        return IdType.of(value == null ? "" : value).orElseThrow(() -> Refusal.badField(ID_TYPE));
    }

    /**
     * An identity number of its type: a PRC ID card has 18 characters whose last is the GB 11643 check character
     * (upper-case X for ten), or the 15 digits of the old cards, and in both a real birth date; other documents
     * 5 to 32 letters and digits.
     */
    public static String idNo(IdType type, String value) {
        boolean valid = value != null && switch (type) {
            case PRC_ID_CARD -> CardHolderRules.isPrcIdNo(value);
            default -> CardHolderRules.isOtherIdNo(value);
        };
        if (!valid) {
            throw Refusal.badField(ID_NO);
        }
        return value;
    }

    public static String bindMob(String value) {
        if (!CardHolderRules.isMainlandMobile(value)) {
            throw Refusal.badField(BIND_MOB);
        }
        return value;
    }

    /**
     * A credit card's expiry, {@code MMYY} (E20: exactly four digits, kept as sent); a card whose month has passed in
     * Beijing is refused.
     */
    public static String valiDate(String value, Clock clock) {
        if (!CardHolderRules.isValiDate(value)) {
            throw Refusal.badField(VALI_DATE);
        }
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(value.substring(2)), Integer.parseInt(value.substring(0, 2)));
        if (expiry.isBefore(YearMonth.from(clock.instant().atZone(WireTime.BEIJING)))) {
            throw Refusal.badField(VALI_DATE);
        }
        return value;
    }

    public static Cvv2 cvv2(String value) {
        if (!CardHolderRules.isCvv2(value)) {
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
