package io.llgate.server.kernel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The products this gateway hosts, in their registration order: what operators can grant a merchant. */
public record ProductCatalogue(List<ProductIdentity> products) {

    public ProductCatalogue {
        products = List.copyOf(products);
    }

    /** The products operators grant merchant by merchant. */
    public Set<ProductIdentity> granted() {
        return products.stream().filter(ProductIdentity::isGranted).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The product with this id ({@code instant-payment}; upper case and underscores are taken too). */
    public Optional<ProductIdentity> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return products.stream().filter(p -> p.id().equals(wanted)).findFirst();
    }

    /** The product with this stored name ({@code INSTANT_PAYMENT}). */
    public Optional<ProductIdentity> byName(String name) {
        return products.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * A comma- or space-separated list of granted products; blank means all of them. Throws IllegalArgumentException
     * naming an unknown product.
     */
    public Set<ProductIdentity> parse(String text) {
        if (text == null || text.isBlank()) {
            return granted();
        }
        Set<ProductIdentity> parsed = new LinkedHashSet<>();
        for (String id : text.split("[,\\s]+")) {
            if (!id.isBlank()) {
                parsed.add(byId(id).filter(ProductIdentity::isGranted).orElseThrow(() -> new IllegalArgumentException(
                        "unknown product: " + id + " (known: " + grantedIds() + ")")));
            }
        }
        return parsed;
    }

    /** The granted products' ids, joined by commas. */
    public String grantedIds() {
        return granted().stream().map(ProductIdentity::id).collect(Collectors.joining(","));
    }

    /** A product list as the merchant table stores it: ids in registration order, joined by commas. */
    public String text(Set<ProductIdentity> chosen) {
        return products.stream().filter(chosen::contains).map(ProductIdentity::id).collect(Collectors.joining(","));
    }

    /** A stored product list; ids of products this gateway does not host are left out. */
    public Set<ProductIdentity> read(String stored) {
        Set<ProductIdentity> read = new LinkedHashSet<>();
        for (String id : stored.split(",")) {
            byId(id).ifPresent(read::add);
        }
        return read;
    }
}
