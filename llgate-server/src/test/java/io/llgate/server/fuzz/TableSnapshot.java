package io.llgate.server.fuzz;

import io.llgate.server.Gateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of every table in the gateway's schema: its row count and a digest of every row's values.
 * Unlike {@code StoreSnapshot} (the tables a payment writes), it also sees an update to a merchant or a new
 * top-up reference, which is what an admin refusal must not leave behind.
 */
record TableSnapshot(Map<String, String> tables) {

    static List<String> tableNames(Gateway gateway) {
        try {
            return tableNamesOrThrow(gateway);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tableNamesOrThrow(Gateway gateway) throws SQLException {
        return gateway.jdbi().withHandle(h -> {
            Connection c = h.getConnection();
            DatabaseMetaData meta = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (!name.toLowerCase(Locale.ROOT).startsWith("flyway")) {
                        names.add(name);
                    }
                }
            }
            return names;
        });
    }

    static TableSnapshot take(Gateway gateway, List<String> tables) {
        try {
            return takeOrThrow(gateway, tables);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TableSnapshot takeOrThrow(Gateway gateway, List<String> tables) throws SQLException {
        return gateway.jdbi().withHandle(h -> {
            Map<String, String> fingerprints = new TreeMap<>();
            try (Statement s = h.getConnection().createStatement()) {
                for (String table : tables) {
                    fingerprints.put(table.toLowerCase(Locale.ROOT), fingerprint(s, table));
                }
            }
            return new TableSnapshot(fingerprints);
        });
    }

    /** The tables whose fingerprint differs, for the failure message. */
    List<String> changedSince(TableSnapshot before) {
        return tables.keySet().stream().filter(t -> !tables.get(t).equals(before.tables.get(t))).toList();
    }

    private static String fingerprint(Statement s, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('\u0001');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        rows.forEach(r -> digest.update(r.getBytes(StandardCharsets.UTF_8)));
        return rows.size() + ":" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
}
