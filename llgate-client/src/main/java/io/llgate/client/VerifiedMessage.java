package io.llgate.client;

import io.llgate.protocol.MessageSignature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A message signed by the gateway whose signature verified with its public key: every field as received
 * and the exact text, worth keeping as evidence of what the gateway said. The few fields LianLian leaves out
 * of a signature (the 1.1 result query's {@code memo} and {@code bank_name}) are here too, unprotected.
 */
public record VerifiedMessage(Map<String, String> fields, String text) {

    public VerifiedMessage {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field's value when present and not empty; keys are matched trimmed, as the gateway does. */
    public Optional<String> field(String name) {
        return MessageSignature.field(fields, name).filter(value -> !value.isEmpty());
    }
}
