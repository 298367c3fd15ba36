package io.llgate.client;

/** How a request travels: plain signed JSON, or signed JSON sealed into {@code pay_load} for the gateway. */
public enum Envelope {
    /** The signed fields are the body. */
    PLAIN,
    /** The body is {@code {"oid_partner","pay_load"}}, the signed fields encrypted with the gateway's public key. */
    PAY_LOAD
}
