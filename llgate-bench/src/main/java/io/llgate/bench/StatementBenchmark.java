package io.llgate.bench;

import io.llgate.server.store.Database;
import io.llgate.server.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One statement of the shape the ledger runs most (a row found by merchant, kind and currency), through Jdbi as the
 * gateway runs it and through plain JDBC on the same connection: the difference is what Jdbi adds to every statement
 * (its statement context, configuration, argument binding and row mapping). On the gateway's own pool and migrated
 * schema: in-memory H2, or a fresh PostgreSQL schema when {@code LLGATE_TEST_PG_URL} is set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class StatementBenchmark {
    private static final int ROWS = 1_000;
    private static final String SELECT = "SELECT balance FROM statement_probe "
            + "WHERE merchant_id = :merchant AND kind = :kind AND currency = :currency";
    private static final String SELECT_JDBC = "SELECT balance FROM statement_probe "
            + "WHERE merchant_id = ? AND kind = ? AND currency = ?";

    private Database database;
    private Handle handle;
    private Connection connection;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        database = Database.open(TestDatabases.fresh());
        handle = database.jdbi().open();
        handle.execute("CREATE TABLE statement_probe (merchant_id BIGINT NOT NULL, kind VARCHAR(16) NOT NULL, "
                + "currency CHAR(3) NOT NULL, balance BIGINT NOT NULL, PRIMARY KEY (merchant_id, kind, currency))");
        var insert = handle.prepareBatch("INSERT INTO statement_probe VALUES (:merchant, 'AVAILABLE', 'CNY', :balance)");
        for (int i = 0; i < ROWS; i++) {
            insert.bind("merchant", (long) i).bind("balance", i * 100L).add();
        }
        insert.execute();
        connection = handle.getConnection();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        handle.close();
        database.close();
    }

    /** The statement as the gateway's stores write it. */
    @Benchmark
    public long jdbi() {
        return handle.createQuery(SELECT)
                .bind("merchant", next++ % ROWS)
                .bind("kind", "AVAILABLE")
                .bind("currency", "CNY")
                .mapTo(Long.class)
                .one();
    }

    /** The same statement through the JDBC driver alone: the reference. */
    @Benchmark
    public long jdbc() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_JDBC)) {
            statement.setLong(1, next++ % ROWS);
            statement.setString(2, "AVAILABLE");
            statement.setString(3, "CNY");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
