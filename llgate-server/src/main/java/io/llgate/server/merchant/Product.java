package io.llgate.server.merchant;

import java.util.Arrays;
import java.util.Optional;

/** A product a merchant can be granted; its API endpoints refuse merchants without it. */
public enum Product {
    INSTANT_PAYMENT("instant-payment"),
    ONLINE_BANKING("online-banking"),
    REFUND("refund");

    private final String id;

    Product(String id) {
        this.id = id;
    }

    /** The name used in the admin API, the CLI and the database. */
    public String id() {
        return id;
    }

    public static Optional<Product> byId(String id) {
        String wanted = id.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }
}
