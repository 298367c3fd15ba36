package io.llgate.server.reference;

/**
 * A bank one collection product accepts for one kind of card (spec 14 §3a): its limits, and whether it is under
 * maintenance (still listed, {@code bank_status} {@code 2}).
 */
public record CollectionBank(String bankCode, CardType cardType, Limits limits, boolean underMaintenance) {
}
