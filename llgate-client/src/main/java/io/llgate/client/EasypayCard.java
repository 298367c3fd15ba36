package io.llgate.client;

import io.llgate.protocol.FieldRules;
import io.llgate.protocol.WireTime;
import java.time.Clock;
import java.time.YearMonth;

/**
 * A payer's card for an easypay apply (spec 20 §6), checked as the gateway checks it: the card number (12 to 19
 * digits), the holder's name, the identity document ({@code id_type} {@code 0} a PRC ID card, whose number carries
 * its GB 11643 check character), the mainland mobile the bank holds, and for a credit card its expiry {@code MMYY}
 * (not past) and CVV2. The CVV2 never appears in {@link #toString()}.
 */
public record EasypayCard(String cardNo, String acctName, String idType, String idNo, String bindMob, String valiDate,
                          String cvv2) {

    public EasypayCard {
        Check.matching("card_no", cardNo, "[0-9]{12,19}", "12 to 19 digits");
        Check.text("acct_name", acctName, 32);
        Check.matching("id_type", idType, "[023469X]", "one of 0, 2, 3, 4, 6, 9, X");
        if (idType.equals("0") ? !FieldRules.isPrcIdNumber(idNo) : idNo == null || !idNo.matches("[A-Za-z0-9()（）-]{5,32}")) {
            throw new InvalidFieldException("id_no", "is not a valid number for id_type " + idType);
        }
        Check.matching("bind_mob", bindMob, FieldRules.MAINLAND_MOBILE, "a mainland mobile number");
        if (valiDate != null) {
            Check.matching("vali_date", valiDate, "(0[1-9]|1[0-2])[0-9]{2}", "MMYY");
        }
        if (cvv2 != null) {
            Check.matching("cvv2", cvv2, "[0-9]{3}", "three digits");
        }
    }

    /** A debit card: the four elements. */
    public static EasypayCard debit(String cardNo, String acctName, String idNo, String bindMob) {
        return new EasypayCard(cardNo, acctName, "0", idNo, bindMob, null, null);
    }

    /** A credit card: the four elements, its expiry ({@code MMYY}) and CVV2. */
    public static EasypayCard credit(String cardNo, String acctName, String idNo, String bindMob, String valiDate,
                                     String cvv2) {
        Check.text("vali_date", valiDate, 4);
        Check.text("cvv2", cvv2, 3);
        return new EasypayCard(cardNo, acctName, "0", idNo, bindMob, valiDate, cvv2);
    }

    /** Whether the expiry, when there is one, is this month or later in Beijing, as the gateway requires. */
    boolean expiredAt(Clock clock) {
        if (valiDate == null) {
            return false;
        }
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(valiDate.substring(2)), Integer.parseInt(valiDate.substring(0, 2)));
        return expiry.isBefore(YearMonth.from(clock.instant().atZone(WireTime.BEIJING)));
    }

    @Override
    public String toString() {
        return "EasypayCard[" + cardNo.substring(0, 6) + "…" + cardNo.substring(cardNo.length() - 4) + "]";
    }
}
