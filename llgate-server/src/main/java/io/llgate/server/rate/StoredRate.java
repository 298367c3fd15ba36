package io.llgate.server.rate;

import io.llgate.server.kernel.ExchangeRate;
import java.time.Instant;

/** A rate of the table with who stored it and when. */
public record StoredRate(ExchangeRate rate, Instant createdAt, String createdBy) {
}
