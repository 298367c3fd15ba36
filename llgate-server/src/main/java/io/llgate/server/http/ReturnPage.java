package io.llgate.server.http;

/**
 * The page that takes the payer back to the merchant, posting the signed synchronous notification by itself (a
 * button does it without scripts).
 *
 * @param colours CSS custom properties a merchant's own colours set on the page (H5 pages), or null
 */
public record ReturnPage(String header, String colours, PayerOrder order, FormPost form) {
}
