package io.llgate.server.card;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of identity document a card holder proves themselves with ({@code id_type}, spec 20 §3): the seven the
 * docs list, and the five more LianLian's MPAY SDK lists (14 D19), which only MPAY takes and which are stored as sent,
 * uninterpreted.
 */
public enum IdType {
    PRC_ID_CARD("0", true),
    PASSPORT("2", true),
    MILITARY_OFFICER("3", true),
    HONG_KONG_MACAU_PERMIT("4", true),
    TAIWAN_RESIDENT_PERMIT("6", true),
    POLICE_OFFICER("9", true),
    OTHER("X", true),
    /** SDK only: household register. */
    HOUSEHOLD_REGISTER("1", false),
    /** SDK only: Hong Kong and Macau residents' mainland permit. */
    HONG_KONG_MACAU_RESIDENT_PERMIT("5", false),
    /** SDK only: temporary ID card. */
    TEMPORARY_ID_CARD("7", false),
    /** SDK only: foreigner's residence permit. */
    FOREIGNER_RESIDENCE_PERMIT("8", false),
    /** SDK only: organisation code. */
    ORGANISATION_CODE("10", false);

    private final String code;
    private final boolean documented;

    IdType(String code, boolean documented) {
        this.code = code;
        this.documented = documented;
    }

    public String code() {
        return code;
    }

    /** Whether the docs list it (every product takes it), rather than only LianLian's MPAY SDK. */
    public boolean documented() {
        return documented;
    }

    public static Optional<IdType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
