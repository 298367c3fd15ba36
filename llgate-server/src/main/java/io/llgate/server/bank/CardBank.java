package io.llgate.server.bank;

/**
 * A bank whose cards a card issuer channel takes, and which kinds: what a payer chooses from on the gateway's card
 * payment pages.
 *
 * @param bankCode the bank's short code ({@code bank_code})
 * @param bankName the bank's Chinese name
 * @param debit    whether its debit cards are taken
 * @param credit   whether its credit cards are taken
 */
public record CardBank(String bankCode, String bankName, boolean debit, boolean credit) {
}
