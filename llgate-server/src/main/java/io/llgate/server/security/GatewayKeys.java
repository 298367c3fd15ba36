package io.llgate.server.security;

import io.llgate.protocol.RsaEngine;
import java.security.PrivateKey;
import java.security.PublicKey;

/** The gateway's RSA key pair: it signs every response and notification and opens every pay_load. */
public record GatewayKeys(PrivateKey privateKey, PublicKey publicKey) {
    public GatewayKeys {
        // Once here, not on every request: the native RSA provider converts an unprepared key per operation.
        privateKey = RsaEngine.current().prepare(privateKey);
    }
}
