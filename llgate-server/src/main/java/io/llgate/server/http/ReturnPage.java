package io.llgate.server.http;

/** The page that takes the payer back to the merchant, posting the signed synchronous notification by itself. */
public record ReturnPage(String header, PayerOrder order, FormPost form) {
}
