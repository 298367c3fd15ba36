package io.llgate.client;

/** {@code id_type}: the kind of identity document a card holder gives (spec 22 §3). */
public enum IdType {
    /** {@code 0}: resident identity card. */
    ID_CARD("0"),
    /** {@code 2}: passport. */
    PASSPORT("2"),
    /** {@code 3}: military officer's certificate. */
    MILITARY_OFFICER("3"),
    /** {@code 4}: Hong Kong and Macau residents' permit. */
    HONG_KONG_MACAU_PERMIT("4"),
    /** {@code 6}: Taiwan residents' permit. */
    TAIWAN_PERMIT("6"),
    /** {@code 9}: police officer's card. */
    POLICE_OFFICER("9"),
    /** {@code X}: another document. */
    OTHER("X");

    private final String wireValue;

    IdType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire. */
    public String wireValue() {
        return wireValue;
    }
}
