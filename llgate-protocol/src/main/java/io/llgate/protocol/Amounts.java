package io.llgate.protocol;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts wire amounts (yuan with up to two decimals) to and from {@code long} fen. */
public final class Amounts {
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,2}))?");
    private static final Pattern BALANCE = Pattern.compile("\\d{1,17}(?:\\.\\d{1,2})?");
    private static final long MIN_FEN = 1;
    private static final long MAX_FEN = 10_000_000_000L;

    private Amounts() {
    }

    /**
     * The amount in fen; accepts one or two decimals or none, as merchants and LianLian's own
     * samples write all three, and only values from 0.01 to 100000000.00.
     */
    public static long parseFen(String text) throws FieldFormatException {
        if (text == null) {
            throw new FieldFormatException("amount is missing");
        }
        Matcher matcher = AMOUNT.matcher(text);
        if (!matcher.matches()) {
            throw new FieldFormatException("amount must be digits with at most two decimals, like 49.95");
        }
        long fen = Long.parseLong(matcher.group(1)) * 100;
        String decimals = matcher.group(2);
        if (decimals != null) {
            fen += Long.parseLong(decimals.length() == 1 ? decimals + "0" : decimals);
        }
        if (fen < MIN_FEN || fen > MAX_FEN) {
            throw new FieldFormatException("amount must be between 0.01 and 100000000.00");
        }
        return fen;
    }

    /**
     * A balance as the gateway reports it, in fen: digits with at most two decimals, zero allowed
     * and no upper bound but a {@code long}'s, since balances are not order amounts.
     */
    public static long parseBalanceFen(String text) throws FieldFormatException {
        if (text == null || !BALANCE.matcher(text).matches()) {
            throw new FieldFormatException("balance must be digits with at most two decimals, like 100.00");
        }
        try {
            return new BigDecimal(text).movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new FieldFormatException("balance is too large");
        }
    }

    /** The wire form with exactly two decimals, e.g. 125000 gives {@code 1250.00}. */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
