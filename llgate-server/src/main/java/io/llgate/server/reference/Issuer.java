package io.llgate.server.reference;

/** The bank that issues the cards of a BIN: its 8-digit {@code bank_code} and Chinese name (spec 14 §2). */
public record Issuer(String bankCode, String bankName) {
}
