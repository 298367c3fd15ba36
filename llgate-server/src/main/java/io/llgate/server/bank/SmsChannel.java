package io.llgate.server.bank;

/**
 * The seam to the SMS gateway that sends payers verification codes (card payments); the sandbox keeps an inbox that
 * developers read instead of a phone.
 */
public interface SmsChannel extends Channel {

    @Override
    default String purpose() {
        return "sms";
    }

    /** Sends the verification code to the payer's mobile. */
    void sendCode(VerificationSms sms);
}
