package io.llgate.client;

/** {@code pay_chnl} of the support bank query (spec 14 §3a): the source channel a collection product runs on. */
public enum PayChannel {
    /** Verified collection in an app: {@code 10}. */
    APP("10"),
    /** Verified collection on a PC web page: {@code 13}. */
    PC_WEB("13"),
    /** Verified collection through the API: {@code 15}. */
    API("15"),
    /** Verified collection on a mobile web page: {@code 16}. */
    MOBILE_WEB("16"),
    /** Installment collection through the API: {@code 44}. */
    INSTALLMENT_API("44"),
    /** Installment collection in an app: {@code 45}. */
    INSTALLMENT_APP("45"),
    /** Installment collection on a mobile web page: {@code 46}. */
    INSTALLMENT_MOBILE_WEB("46"),
    /** Installment collection on a PC web page: {@code 55}. */
    INSTALLMENT_PC_WEB("55");

    private final String wireValue;

    PayChannel(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire. */
    public String wireValue() {
        return wireValue;
    }
}
