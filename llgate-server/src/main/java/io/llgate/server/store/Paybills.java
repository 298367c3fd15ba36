package io.llgate.server.store;

import io.llgate.protocol.WireTime;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** The gateway's transaction numbers ({@code oid_paybill}), one sequence for every product. */
public final class Paybills {
    private Paybills() {
    }

    /** 16 digits: the Beijing date and a cluster-wide sequence. */
    public static String next(Handle h, Instant now) {
        long sequence = h.createQuery("SELECT nextval('paybill_seq')").mapTo(Long.class).one();
        return WireTime.date(now) + String.format("%08d", sequence % 100_000_000L);
    }
}
