package io.llgate.server.bank;

/**
 * A verification code for a payer's mobile, and what it is for.
 *
 * @param mobile      the payer's mobile number
 * @param code        the code the payer types back
 * @param oidPartner  the merchant the payer pays
 * @param merchantName the merchant's name, as the text names it
 * @param transaction the gateway's number of the transaction the code confirms
 */
public record VerificationSms(String mobile, String code, String oidPartner, String merchantName, String transaction) {
}
