package io.llgate.server.merchant;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What makes a top-up happen once for its merchant: the operator's reference, or one the gateway makes up. The
 * gateway's own always hold a colon ({@code opening:...}, {@code topup:...}) and an operator's never does, so the
 * two can never collide.
 */
public record TopUpReference(String text) {
    public static final int MAX_LENGTH = 64;
    /** Why an operator's reference was refused, in the admin API's words. */
    public static final String RULE = "reference must be 1 to " + MAX_LENGTH
            + " letters, digits, '.', '_', '/' or '-'";
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9._/-]{1," + MAX_LENGTH + "}");

    /** An operator's reference; throws IllegalArgumentException with {@link #RULE} when it is malformed. */
    public static TopUpReference operator(String text) {
        if (text == null || !OPERATOR.matcher(text).matches()) {
            throw new IllegalArgumentException(RULE);
        }
        return new TopUpReference(text);
    }

    /** A reference of its own for a top-up the operator gave none for: never a duplicate. */
    public static TopUpReference generated() {
        return new TopUpReference("topup:" + UUID.randomUUID());
    }

    /** The opening balance given at registration. */
    static TopUpReference opening(String oidPartner) {
        return new TopUpReference("opening:" + oidPartner);
    }
}
