package io.llgate.protocol;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RSA keys from the forms merchants paste (PEM or bare base64, PKCS#8, X.509 or PKCS#1) and writes them back. */
public final class RsaKeys {
    private static final int MIN_BITS = 1024;
    private static final int MAX_BITS = 4096;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    // An empty label stands for bare base64.
    private static final Set<String> PUBLIC_LABELS = Set.of("", "PUBLIC KEY", "RSA PUBLIC KEY");
    private static final Set<String> PRIVATE_LABELS = Set.of("", "PRIVATE KEY", "RSA PRIVATE KEY");
    private static final byte[] RSA_ALGORITHM = Der.element(Der.SEQUENCE,
            Der.element(Der.OBJECT_IDENTIFIER, Der.RSA_ENCRYPTION), Der.element(Der.NULL));

    private RsaKeys() {
    }

    /**
     * A public key from X.509 SubjectPublicKeyInfo or PKCS#1 RSAPublicKey, as PEM or bare base64.
     * The form is read from the DER itself, so a PEM labelled with the other form still works.
     */
    public static PublicKey parsePublic(String text) {
        Block block = block(text, "public");
        if (!PUBLIC_LABELS.contains(block.label())) {
            throw new InvalidKeyTextException("expected a public key but found a PEM " + block.label());
        }
        PublicKey key = isSubjectPublicKeyInfo(block.der()) ? x509(block.der()) : pkcs1Public(block.der());
        checkBits((RSAKey) key);
        return key;
    }

    /**
     * A private key from PKCS#8 PrivateKeyInfo or PKCS#1 RSAPrivateKey, as unencrypted PEM or bare
     * base64. The form is read from the DER itself, so a PEM labelled with the other form still works.
     */
    public static PrivateKey parsePrivate(String text) {
        Block block = block(text, "private");
        if (block.label().equals("ENCRYPTED PRIVATE KEY")) {
            throw encrypted();
        }
        if (!PRIVATE_LABELS.contains(block.label())) {
            throw new InvalidKeyTextException("expected a private key but found a PEM " + block.label());
        }
        PrivateKey key = isPrivateKeyInfo(block.der()) ? pkcs8(block.der()) : pkcs1Private(block.der());
        checkBits((RSAKey) key);
        return key;
    }

    /** A new RSA key pair of an accepted size. */
    public static KeyPair generate(int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("RSA keys must have " + MIN_BITS + " to " + MAX_BITS + " bits");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks RSA", e);
        }
    }

    /** The public half of a private key, which PKCS#8 and PKCS#1 private keys both carry. */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the private key does not carry its public exponent");
        }
        try {
            return rsaFactory().generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("the private key has no valid public half", e);
        }
    }

    /** Single-line base64 of the key's DER: X.509 for public keys, PKCS#8 for private keys. */
    public static String base64(Key key) {
        return Base64.getEncoder().encodeToString(encoded(key));
    }

    /** PEM with 64-character lines and a trailing newline. */
    public static String pem(Key key) {
        String label = key instanceof PublicKey ? "PUBLIC KEY" : "PRIVATE KEY";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded(key));
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The modulus size in bits. */
    public static int bits(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("not an RSA public key");
        }
        return rsa.getModulus().bitLength();
    }

    private static byte[] encoded(Key key) {
        boolean expectedFormat = key instanceof PublicKey ? "X.509".equals(key.getFormat())
                : key instanceof PrivateKey && "PKCS#8".equals(key.getFormat());
        if (!expectedFormat || key.getEncoded() == null) {
            throw new IllegalArgumentException("only public keys in X.509 and private keys in PKCS#8 can be written");
        }
        return key.getEncoded();
    }

    /** The DER of a key text and its PEM label, empty for bare base64. */
    private record Block(String label, byte[] der) {
    }

    private static Block block(String text, String kind) {
        if (text == null || text.isBlank()) {
            throw new InvalidKeyTextException("the " + kind + " key text is empty");
        }
        // Keys copied out of JSON or properties files often keep their line breaks as the two characters \n.
        String cleaned = text.replace("\\r", "").replace("\\n", "");
        if (!cleaned.contains("-----BEGIN")) {
            return new Block("", decodeBase64(cleaned, kind));
        }
        Matcher pem = PEM.matcher(cleaned);
        if (!pem.find()) {
            throw new InvalidKeyTextException("the " + kind + " key PEM has no matching BEGIN and END lines");
        }
        String body = pem.group(2);
        if (body.contains("ENCRYPTED")) {
            throw encrypted();
        }
        if (body.contains(":")) {
            throw new InvalidKeyTextException("the " + kind + " key PEM has headers, which are not supported");
        }
        return new Block(pem.group(1), decodeBase64(body, kind));
    }

    private static byte[] decodeBase64(String text, String kind) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(Whitespace.removeAll(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyTextException("the " + kind + " key is neither PEM nor base64");
        }
        if (der.length == 0) {
            throw new InvalidKeyTextException("the " + kind + " key text is empty");
        }
        return der;
    }

    private static InvalidKeyTextException encrypted() {
        return new InvalidKeyTextException(
                "the private key is encrypted; export it unencrypted, e.g. openssl pkcs8 -topk8 -nocrypt");
    }

    // SubjectPublicKeyInfo ::= SEQUENCE { SEQUENCE { algorithm OID, parameters }, BIT STRING }
    private static boolean isSubjectPublicKeyInfo(byte[] der) {
        try {
            return new Der.Reader(der).enter(Der.SEQUENCE).nextIs(Der.SEQUENCE);
        } catch (Der.FormatException e) {
            return false;
        }
    }

    // PrivateKeyInfo ::= SEQUENCE { version INTEGER, SEQUENCE { algorithm OID, parameters }, OCTET STRING }
    private static boolean isPrivateKeyInfo(byte[] der) {
        try {
            Der.Reader info = new Der.Reader(der).enter(Der.SEQUENCE);
            info.skip();
            return info.nextIs(Der.SEQUENCE);
        } catch (Der.FormatException e) {
            return false;
        }
    }

    private static PublicKey x509(byte[] der) {
        try {
            checkAlgorithm(new Der.Reader(der).enter(Der.SEQUENCE).enter(Der.SEQUENCE));
        } catch (Der.FormatException e) {
            throw new InvalidKeyTextException("the public key is not a readable X.509 SubjectPublicKeyInfo");
        }
        return publicFrom(new X509EncodedKeySpec(der), "X.509 public key");
    }

    private static PublicKey pkcs1Public(byte[] der) {
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader sequence = outer.enter(Der.SEQUENCE);
            BigInteger modulus = sequence.integer();
            BigInteger exponent = sequence.integer();
            if (!sequence.atEnd() || !outer.atEnd() || modulus.signum() <= 0 || exponent.signum() <= 0) {
                throw new Der.FormatException("not an RSAPublicKey");
            }
            return publicFrom(new RSAPublicKeySpec(modulus, exponent), "PKCS#1 public key");
        } catch (Der.FormatException e) {
            throw new InvalidKeyTextException("the public key is neither X.509 SubjectPublicKeyInfo nor PKCS#1 RSAPublicKey");
        }
    }

    private static PrivateKey pkcs8(byte[] der) {
        try {
            Der.Reader info = new Der.Reader(der).enter(Der.SEQUENCE);
            info.skip();
            checkAlgorithm(info.enter(Der.SEQUENCE));
        } catch (Der.FormatException e) {
            throw new InvalidKeyTextException("the private key is not a readable PKCS#8 PrivateKeyInfo");
        }
        return privateFrom(new PKCS8EncodedKeySpec(der), "PKCS#8 private key");
    }

    // The JDK reads PKCS#1 only inside PKCS#8, so wrap it: SEQUENCE { 0, rsaEncryption, OCTET STRING { key } }.
    private static PrivateKey pkcs1Private(byte[] der) {
        try {
            Der.Reader sequence = new Der.Reader(der).enter(Der.SEQUENCE);
            sequence.integer();
            sequence.integer();
        } catch (Der.FormatException e) {
            throw new InvalidKeyTextException("the private key is neither PKCS#8 PrivateKeyInfo nor PKCS#1 RSAPrivateKey");
        }
        byte[] wrapped = Der.element(Der.SEQUENCE,
                Der.element(Der.INTEGER, new byte[] {0}), RSA_ALGORITHM, Der.element(Der.OCTET_STRING, der));
        return privateFrom(new PKCS8EncodedKeySpec(wrapped), "PKCS#1 private key");
    }

    private static void checkAlgorithm(Der.Reader algorithmIdentifier) throws Der.FormatException {
        if (!Arrays.equals(algorithmIdentifier.bytes(Der.OBJECT_IDENTIFIER), Der.RSA_ENCRYPTION)) {
            throw new InvalidKeyTextException("the key is not an RSA key");
        }
    }

    private static PublicKey publicFrom(KeySpec spec, String form) {
        try {
            return rsaFactory().generatePublic(spec);
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyTextException("the " + form + " is malformed");
        }
    }

    private static PrivateKey privateFrom(KeySpec spec, String form) {
        try {
            return rsaFactory().generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyTextException("the " + form + " is malformed");
        }
    }

    private static void checkBits(RSAKey key) {
        int bits = key.getModulus().bitLength();
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new InvalidKeyTextException(
                    "the RSA key has " + bits + " bits; " + MIN_BITS + " to " + MAX_BITS + " bits are accepted");
        }
    }

    private static KeyFactory rsaFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks RSA", e);
        }
    }
}
