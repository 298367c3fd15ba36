package io.llgate.client;

/** {@code busi_partner}: what an online banking order sells. */
public enum BusiPartner {
    /** Virtual goods: {@code 101001}. */
    VIRTUAL_GOODS("101001"),
    /** Physical goods: {@code 109001}. */
    PHYSICAL_GOODS("109001");

    private final String wireValue;

    BusiPartner(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value sent in {@code busi_partner}. */
    public String wireValue() {
        return wireValue;
    }
}
