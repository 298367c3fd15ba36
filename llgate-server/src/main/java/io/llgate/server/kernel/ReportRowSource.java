package io.llgate.server.kernel;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What a product contributes to the report files: each product with transactions implements it over its own
 * tables, so the report never reads another feature's tables.
 */
public interface ReportRowSource {
    /** The merchant's rows whose business day is from {@code from} to {@code to}, both included. */
    List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to);
}
