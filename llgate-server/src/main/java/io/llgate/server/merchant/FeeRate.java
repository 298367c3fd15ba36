package io.llgate.server.merchant;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The fee a merchant pays on each payment it receives, in basis points (hundredths of a percent). */
public record FeeRate(int basisPoints) {
    public static final FeeRate NONE = new FeeRate(0);
    /** A tenth of the amount at most: anything above is a typing slip, not a price. */
    public static final int MAX_BASIS_POINTS = 1000;

    public FeeRate {
        if (basisPoints < 0 || basisPoints > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException("the fee rate is 0 to " + MAX_BASIS_POINTS + " basis points (0% to 10%)");
        }
    }

    /** The fee on an amount in fen, rounded half up to the fen. */
    public long feeOn(long fen) {
        return BigDecimal.valueOf(fen).multiply(BigDecimal.valueOf(basisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** The rate as people write it, such as {@code 0.25%}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(basisPoints, 2).toPlainString() + "%";
    }
}
