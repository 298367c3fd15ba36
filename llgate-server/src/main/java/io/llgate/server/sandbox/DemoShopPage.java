package io.llgate.server.sandbox;

import io.llgate.server.onlinebanking.Bank;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's order page; {@code oidPartner} is null when the sandbox runs without the demo merchant.
 * {@code foreignPrices}: the foreign-priced item's price by currency, for exchange payment.
 */
public record DemoShopPage(String oidPartner, List<String> charsets, List<Bank> banks, String notifyUrl,
                           String urlReturn, Map<String, String> foreignPrices) {
}
