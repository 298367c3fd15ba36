package io.llgate.server.card;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of identity document a card holder proves themselves with ({@code id_type}, spec 20 §3). */
public enum IdType {
    PRC_ID_CARD("0"),
    PASSPORT("2"),
    MILITARY_OFFICER("3"),
    HONG_KONG_MACAU_PERMIT("4"),
    TAIWAN_RESIDENT_PERMIT("6"),
    POLICE_OFFICER("9"),
    OTHER("X");

    private final String code;

    IdType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<IdType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
