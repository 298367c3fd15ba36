package io.llgate.server.http;

/**
 * A payer's page that only tells how things stand: paid, declined, already returned.
 *
 * @param colours  CSS custom properties a merchant's own colours set on the page (H5 pages), or null
 * @param order    the order, or null
 * @param next     where the payer may go on from here (back to the merchant), or null
 */
public record MessagePage(String header, String theme, String colours, String heading, String text, boolean success,
                          PayerOrder order, Link next) {

    /** A button-like link the page offers. */
    public record Link(String href, String label) {
    }

    public MessagePage(String header, String theme, String heading, String text, boolean success, PayerOrder order) {
        this(header, theme, null, heading, text, success, order, null);
    }
}
