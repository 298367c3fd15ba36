package io.llgate.server.sandbox;

import io.llgate.protocol.RsaKeys;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.NewMerchant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's ready-made merchant: an id, a key pair on disk, a funded balance and every product, so a newcomer
 * can send a payout or pay in the demo shop in the first minute. Its files live in {@code <data-dir>/demo-merchant/}.
 */
public record DemoMerchant(String oidPartner, Path directory) {
    public static final String OID_PARTNER = "201800000000000001";
    /** 1,000,000.00 yuan. */
    static final long OPENING_BALANCE_FEN = 100_000_000L;

    public Path privateKeyFile() {
        return directory.resolve("merchant_private_key.pem");
    }

    public Path publicKeyFile() {
        return directory.resolve("merchant_public_key.pem");
    }

    public Path gatewayPublicKeyFile() {
        return directory.resolve("llgate_public_key.pem");
    }

    public Path oidPartnerFile() {
        return directory.resolve("oid_partner.txt");
    }

    /** Reads the demo merchant's files from a data directory, if the sandbox has created them. */
    public static Optional<DemoMerchant> in(Path dataDir) {
        DemoMerchant demo = new DemoMerchant(OID_PARTNER, dataDir.resolve("demo-merchant"));
        if (!Files.isRegularFile(demo.oidPartnerFile()) || !Files.isRegularFile(demo.privateKeyFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DemoMerchant(Files.readString(demo.oidPartnerFile()).trim(), demo.directory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the files and the merchant where missing, and keeps the registered key equal to the file's. */
    public static DemoMerchant ensure(Path dataDir, Merchants merchants, PublicKey gatewayKey) {
        DemoMerchant demo = new DemoMerchant(OID_PARTNER, dataDir.resolve("demo-merchant"));
        try {
            Files.createDirectories(demo.directory());
            if (!Files.isRegularFile(demo.privateKeyFile()) || !Files.isRegularFile(demo.publicKeyFile())) {
                KeyPair pair = RsaKeys.generate(2048);
                Files.writeString(demo.privateKeyFile(), RsaKeys.pem(pair.getPrivate()));
                Files.writeString(demo.publicKeyFile(), RsaKeys.pem(pair.getPublic()));
            }
            Files.writeString(demo.oidPartnerFile(), OID_PARTNER + "\n");
            Files.writeString(demo.gatewayPublicKeyFile(), RsaKeys.pem(gatewayKey));
            String publicKey = Files.readString(demo.publicKeyFile());
            Optional<Merchant> existing = merchants.find(OID_PARTNER);
            if (existing.isEmpty()) {
                merchants.add(new NewMerchant(OID_PARTNER, "LLGate demo merchant", publicKey,
                        merchants.catalogue().granted(), IpAllowList.any(), OPENING_BALANCE_FEN));
            } else {
                // A demo merchant registered before a product existed gains it, so the demo shop can sell with it.
                Set<ProductIdentity> products = new LinkedHashSet<>(existing.get().products());
                boolean missing = products.addAll(merchants.catalogue().granted());
                boolean keyChanged = !existing.get().publicKeyText().equals(RsaKeys.base64(RsaKeys.parsePublic(publicKey)));
                if (missing || keyChanged) {
                    merchants.update(OID_PARTNER, keyChanged ? publicKey : null, missing ? products : null, null, null);
                }
            }
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo merchant's files in " + demo.directory(), e);
        }
    }
}
