package io.llgate.testkit;

import java.net.URI;

/**
 * An online banking order the gateway accepted from the payer's browser.
 *
 * @param noOrder the order number the form carried
 * @param nextPage where the gateway sent the browser: its cashier, or the chosen bank
 */
public record OnlineBankingStart(String noOrder, URI nextPage) {
}
