package io.llgate.server.bank;

import java.util.Optional;

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

    /**
     * Where the payer of {@code transaction} (the gateway's number its code was sent for) can read the texts sent to
     * their mobile without a phone, when this channel has such a page (the sandbox's phone, in sandbox mode); empty
     * for a real SMS gateway. The address is a capability: only whoever is shown it can open it.
     */
    default Optional<String> phonePage(String oidPartner, String transaction) {
        return Optional.empty();
    }
}
