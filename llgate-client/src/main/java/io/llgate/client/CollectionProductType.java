package io.llgate.client;

/** {@code product_type} of the support bank query (spec 14 §3a): the collection product asked about. */
public enum CollectionProductType {
    /** Ordinary verified collection, or installment collection: {@code 1}. */
    VERIFIED("1"),
    /** New verified collection: {@code 3}. */
    NEW_VERIFIED("3");

    private final String wireValue;

    CollectionProductType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire. */
    public String wireValue() {
        return wireValue;
    }
}
