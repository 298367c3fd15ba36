package io.llgate.client;

/**
 * What a card may pay with a product, in whole yuan, as a card BIN answer gives them; {@code 90000000} is
 * the gateway's word for no limit.
 *
 * @param singleAmt per transaction
 * @param dayAmt    per day
 * @param monthAmt  per month
 */
public record CardLimits(long singleAmt, long dayAmt, long monthAmt) {
}
