package io.llgate.server.sandbox;

import java.time.Instant;

/** A message the sandbox's SMS gateway would have sent: its text, the code in it, and what the code is for. */
public record SmsMessage(String mobile, String text, String code, String oidPartner, String transaction, Instant sentAt) {
}
