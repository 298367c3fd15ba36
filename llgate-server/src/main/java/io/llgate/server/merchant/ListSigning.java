package io.llgate.server.merchant;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A merchant's overrides of whether a list in a reply is in the reply's signature (spec 14 D11, D13), for the
 * clients that rebuild a list's sign source their own way: {@code card_list} is signed over unless excluded; the
 * support bank query's reply is unsigned unless {@code support_banklist} names a mode, which signs it, with the list
 * in the sign source or not; the card bind list's {@code agreement_list} is left out of the signature unless included. Written as text, {@code card_list=exclude,support_banklist=include}.
 */
public record ListSigning(Map<String, Mode> overrides) {
    /** The lists a reply of the gateway carries. */
    public static final List<String> LISTS = List.of("card_list", "support_banklist", "agreement_list");
    /** No override: every list as the spec's defaults have it. */
    public static final ListSigning DEFAULT = new ListSigning(Map.of());

    /** Whether the list is in the signature. */
    public enum Mode {
        INCLUDE("include"),
        EXCLUDE("exclude");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Optional<Mode> byId(String text) {
            return Arrays.stream(values()).filter(m -> m.id.equals(text)).findFirst();
        }
    }

    public ListSigning {
        for (String list : overrides.keySet()) {
            if (!LISTS.contains(list)) {
                throw new IllegalArgumentException("list_signing names " + list + "; the lists are " + LISTS);
            }
        }
        overrides = Map.copyOf(overrides);
    }

    /** The merchant's mode for a list, when it set one. */
    public Optional<Mode> of(String list) {
        return Optional.ofNullable(overrides.get(list));
    }

    /**
     * The setting written as {@code list=mode} pairs joined by commas, blank for none; IllegalArgumentException for
     * another list or mode, or a list named twice.
     */
    public static ListSigning parse(String text) {
        Map<String, Mode> overrides = new LinkedHashMap<>();
        for (String pair : (text == null ? "" : text).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            String list = parts[0].trim();
            Mode mode = parts.length != 2 ? null : Mode.byId(parts[1].trim().toLowerCase(Locale.ROOT)).orElse(null);
            if (mode == null) {
                throw new IllegalArgumentException("list_signing: " + pair.trim() + " is not list=include or "
                        + "list=exclude");
            }
            if (overrides.put(list, mode) != null) {
                throw new IllegalArgumentException("list_signing names " + list + " twice");
            }
        }
        return new ListSigning(overrides);
    }

    /** The text {@link #parse} reads, lists in name order. */
    public String text() {
        return new TreeMap<>(overrides).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().id())
                .collect(Collectors.joining(","));
    }
}
