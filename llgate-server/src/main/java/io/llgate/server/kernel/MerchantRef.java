package io.llgate.server.kernel;

/**
 * The merchant a transaction belongs to, read once per request or bank result: its row id (what products store
 * and the ledger keys accounts by) and its {@code oid_partner} (what wire messages carry).
 */
public record MerchantRef(long id, String oidPartner) {
}
