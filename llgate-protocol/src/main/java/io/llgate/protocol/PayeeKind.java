package io.llgate.protocol;

import java.util.Optional;

/**
 * Who an instant payment pays, as {@code flag_card} says (spec 10 §3, I2): {@code 0} a personal card (对私),
 * {@code 1} a corporate account (对公), as LianLian's Chinese API table and its Java SDK write it; {@code 2} is
 * also read as corporate, as LianLian's English pages write it.
 */
public enum PayeeKind {
    /** A personal debit card: {@code flag_card} {@code 0}. */
    PERSONAL("0"),
    /** A corporate settlement account, which needs a {@code bank_code}: {@code flag_card} {@code 1}. */
    CORPORATE("1");

    private final String flagCard;

    PayeeKind(String flagCard) {
        this.flagCard = flagCard;
    }

    /** The {@code flag_card} value sent for this kind. */
    public String flagCard() {
        return flagCard;
    }

    /** The kind a {@code flag_card} value names; empty for anything but {@code 0}, {@code 1} and {@code 2}. */
    public static Optional<PayeeKind> ofFlagCard(String flagCard) {
        if (flagCard == null) {
            return Optional.empty();
        }
        return switch (flagCard) {
            case "0" -> Optional.of(PERSONAL);
            case "1", "2" -> Optional.of(CORPORATE);
            default -> Optional.empty();
        };
    }
}
