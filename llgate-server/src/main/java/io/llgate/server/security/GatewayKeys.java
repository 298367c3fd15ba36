package io.llgate.server.security;

import java.security.PrivateKey;
import java.security.PublicKey;

/** The gateway's RSA key pair: it signs every response and notification and opens every pay_load. */
public record GatewayKeys(PrivateKey privateKey, PublicKey publicKey) {
}
