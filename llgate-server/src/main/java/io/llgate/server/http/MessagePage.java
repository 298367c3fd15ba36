package io.llgate.server.http;

/** A payer's page that only tells how things stand: paid, declined, already returned; {@code order} may be null. */
public record MessagePage(String header, String theme, String heading, String text, boolean success, PayerOrder order) {
}
