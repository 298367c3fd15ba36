package io.llgate.server.merchant;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a merchant's report files are laid out (13 T8): as LianLian documents them, or as its SFTP delivers them.
 */
public enum ReportLayout {
    /** The documented files of 13 §1-§3: 19 columns joined by {@code |}, an English header. The default. */
    DOC("doc"),
    /** The SFTP files of 13 §5: comma-separated with a Chinese header, and {@code FKMX_} files for payouts. */
    CSV("csv");

    private final String id;

    ReportLayout(String id) {
        this.id = id;
    }

    /** The setting as the admin API and the command line write it. */
    public String id() {
        return id;
    }

    public static Optional<ReportLayout> byId(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.id.equals(wanted)).findFirst();
    }
}
