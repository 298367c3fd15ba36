package io.llgate.server.sandbox;

import io.llgate.server.onlinebanking.Bank;
import java.util.List;

/** The demo shop's order page; {@code oidPartner} is null when the sandbox runs without the demo merchant. */
public record DemoShopPage(String oidPartner, List<String> charsets, List<Bank> banks, String notifyUrl,
                           String urlReturn) {
}
