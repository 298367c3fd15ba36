package io.llgate.server.kernel;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.RetCode;
import java.util.regex.Pattern;

/**
 * A revenue split, {@code shareing_data} (24 §3, A2, A12; 21 M19): one to three recipients joined by {@code |}, each
 * {@code account^account_type^amount^description}, whose amounts sum to at most the order's. Anything else is
 * {@code 7119}. The text is kept as sent.
 */
public final class SharingData {
    /** The field's name as LianLian spells it. */
    public static final String FIELD = "shareing_data";
    private static final int MAX_LENGTH = 1024;
    private static final int MAX_RECIPIENTS = 3;
    private static final int MAX_DESCRIPTION = 85;
    private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Za-z_\\-@.]{1,32}");

    private SharingData() {
    }

    /** Checks {@code text} against an order of {@code moneyOrder} fen; answers it unchanged. */
    public static String check(String text, long moneyOrder) {
        if (text.length() > MAX_LENGTH) {
            throw Refusal.of(RetCode.SHARING_DATA_INVALID, FIELD);
        }
        String[] recipients = text.split("\\|", -1);
        if (recipients.length > MAX_RECIPIENTS) {
            throw Refusal.of(RetCode.SHARING_DATA_INVALID, FIELD);
        }
        long total = 0;
        for (String recipient : recipients) {
            String[] parts = recipient.split("\\^", -1);
            if (parts.length != 4 || !ACCOUNT.matcher(parts[0]).matches() || !parts[1].matches("[01]")
                    || parts[3].length() > MAX_DESCRIPTION) {
                throw Refusal.of(RetCode.SHARING_DATA_INVALID, FIELD);
            }
            try {
                total += Amounts.parseFen(parts[2]);
            } catch (FieldFormatException e) {
                throw Refusal.of(RetCode.SHARING_DATA_INVALID, FIELD);
            }
        }
        if (total > moneyOrder) {
            throw Refusal.of(RetCode.SHARING_DATA_INVALID, FIELD);
        }
        return text;
    }
}
