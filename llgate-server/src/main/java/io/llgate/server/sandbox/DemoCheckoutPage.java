package io.llgate.server.sandbox;

import io.llgate.server.http.FormPost;

/** The demo merchant's checkout page: the signed form it posts to the gateway, and the string it signed. */
public record DemoCheckoutPage(String charset, String signSource, FormPost form) {
}
