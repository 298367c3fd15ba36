package io.llgate.server.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a keyset page of transactions continues: after the row made at {@code createdAt}, of product
 * {@code productId}, with id {@code id}, in {@link TransactionRow#ORDER}. Its {@link #text()} is opaque to callers
 * and goes in {@code after=} of the next page's address.
 */
public record TransactionCursor(Instant createdAt, String productId, long id) {

    /** How a product's rows compare with the cursor at the cursor's own instant. */
    public enum Tie {
        /** The product sorts before the cursor's: its rows at that instant were on earlier pages. */
        SHOWN,
        /** The cursor's own product: its rows at that instant with a smaller id are still to come. */
        BY_ID,
        /** The product sorts after the cursor's: all its rows at that instant are still to come. */
        TO_COME
    }

    public Tie tieFor(ProductIdentity product) {
        int c = product.id().compareTo(productId);
        return c < 0 ? Tie.SHOWN : c == 0 ? Tie.BY_ID : Tie.TO_COME;
    }

    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (createdAt + "|" + productId + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a {@link #text()} stands for; empty for text no cursor wrote. */
    public static Optional<TransactionCursor> parse(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new TransactionCursor(Instant.parse(parts[0]), parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
