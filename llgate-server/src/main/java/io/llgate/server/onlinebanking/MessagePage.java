package io.llgate.server.onlinebanking;

/** A page that only tells the payer how things stand: paid, declined, already returned. */
public record MessagePage(String header, String theme, String heading, String text, boolean success, OrderView order) {
}
