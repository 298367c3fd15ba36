package io.llgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** How many rows H2 reads to answer a query, as its {@code EXPLAIN ANALYZE} counts them: tests that a query does not scan. */
public final class RowsRead {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private RowsRead() {
    }

    /** The rows H2 reads to answer {@code sql} with {@code bindings}, summed over its table accesses. */
    public static int of(Jdbi jdbi, String sql, Map<String, ?> bindings) {
        String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE " + sql)
                .bindMap(bindings)
                .mapTo(String.class)
                .one());
        Matcher counts = SCAN_COUNT.matcher(plan);
        int read = 0;
        boolean counted = false;
        while (counts.find()) {
            read += Integer.parseInt(counts.group(1));
            counted = true;
        }
        assertThat(counted).as("H2 counts the rows it reads: %s", plan).isTrue();
        return read;
    }
}
