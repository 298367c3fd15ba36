package io.llgate.server.onlinebanking;

import io.llgate.server.http.FormPost;

/** The page that takes the payer back to the merchant, posting the signed synchronous notification. */
public record ReturnPage(OrderView order, FormPost form) {
}
