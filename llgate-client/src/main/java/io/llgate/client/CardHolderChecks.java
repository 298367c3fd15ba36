package io.llgate.client;

import io.llgate.protocol.CardHolderRules;
import io.llgate.protocol.SignSource;

/** The gateway's checks of a card holder's fields, run before sending; each failure names the field as a 1004 would. */
final class CardHolderChecks {
    private CardHolderChecks() {
    }

    static String cardNo(String value) {
        if (!CardHolderRules.isCardNo(value)) {
            throw new InvalidFieldException("card_no", "must be 12 to 19 digits");
        }
        return value;
    }

    static String name(String value) {
        if (!CardHolderRules.isName(value)) {
            throw new InvalidFieldException("acct_name", "must be a name of letters, at most "
                    + CardHolderRules.MAX_NAME + " characters");
        }
        return value;
    }

    static String idNo(IdType type, String value) {
        boolean valid = type == IdType.ID_CARD ? CardHolderRules.isPrcIdNo(value) : CardHolderRules.isOtherIdNo(value);
        if (!valid) {
            throw new InvalidFieldException("id_no", type == IdType.ID_CARD
                    ? "must be an identity card number (18 characters with the right check character, or 15 digits)"
                    : "must be 5 to 32 letters or digits");
        }
        return value;
    }

    static String mobile(String name, String value) {
        if (!CardHolderRules.isMainlandMobile(value)) {
            throw new InvalidFieldException(name, "must be a mainland mobile number (11 digits from 13)");
        }
        return value;
    }

    static String optionalValiDate(String value) {
        if (SignSource.isAbsent(value)) {
            return null;
        }
        if (!CardHolderRules.isValiDate(value)) {
            throw new InvalidFieldException("vali_date", "must be the expiry as MMYY");
        }
        return value;
    }

    static String optionalCvv2(String value) {
        if (SignSource.isAbsent(value)) {
            return null;
        }
        if (!CardHolderRules.isCvv2(value)) {
            throw new InvalidFieldException("cvv2", "must be 3 digits");
        }
        return value;
    }
}
