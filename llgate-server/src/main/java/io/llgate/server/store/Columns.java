package io.llgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads and writes column types the same way on H2 and PostgreSQL. */
public final class Columns {
    private Columns() {
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Text from outside that the gateway keeps only to show it (a merchant endpoint's answer, an error), made
     * storable on both databases: a NUL, which PostgreSQL refuses in text, and half a surrogate pair, which no
     * encoding carries, become U+FFFD. Null stays null.
     */
    public static String shownText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            kept.appendCodePoint(c == 0 || Character.getType(c) == Character.SURROGATE ? 0xFFFD : c);
            i += Character.charCount(c);
        }
        return kept.toString();
    }
}
