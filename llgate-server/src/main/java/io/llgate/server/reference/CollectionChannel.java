package io.llgate.server.reference;

/**
 * A collection product as LianLian configures it for a merchant (spec 14 §3a): {@code product_type} ({@code 1}
 * ordinary verified or installment, {@code 3} new verified) on the source channel {@code pay_chnl}.
 */
public record CollectionChannel(String productType, String payChnl) {
}
