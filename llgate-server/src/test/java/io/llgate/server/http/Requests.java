package io.llgate.server.http;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.Signatures;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestMerchant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/** Builds requests the way merchants' own code does, including the ways it gets them wrong. */
final class Requests {
    static final String APPLY = "/paymentapi/payment.htm";
    static final String CONFIRM = "/paymentapi/confirmPayment.htm";
    static final String QUERY = "/paymentapi/queryPayment.htm";
    static final String BALANCE = "/traderAcctQuery.htm";
    /** Never called: payouts to held cards get no result, hence no notification. */
    static final String NOTIFY_URL = "https://merchant.example.com/llp/payout-notify";

    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 10_000_000L);

    private Requests() {
    }

    /**
     * A card the sandbox bank keeps in PROCESSING (it ends 0002), so nothing settles in the background;
     * a new number each time, so no payout looks like a repeat to the same card.
     */
    static String heldCard() {
        return "62170000" + String.format("%07d", CARDS.incrementAndGet() % 10_000_000L) + "0002";
    }

    /** A valid apply request for 5.00 to a held card. */
    static LinkedHashMap<String, String> payout(TestMerchant merchant) {
        return merchant.payout(heldCard(), "5.00", NOTIFY_URL);
    }

    /** Signs with MD5withRSA exactly what is given: empty values and odd keys stay in the message. */
    static LinkedHashMap<String, String> signAsIs(TestMerchant merchant, Map<String, String> fields) {
        return signAsIs(merchant, fields, "RSA", SignType.RSA, SignSource.CASE_INSENSITIVE);
    }

    /**
     * Adds {@code sign_type} with the given text and a {@code sign} over all fields as written,
     * keys sorted in {@code order}, as a merchant's own signer might.
     */
    static LinkedHashMap<String, String> signAsIs(TestMerchant merchant, Map<String, String> fields,
                                                  String signTypeText, SignType algorithm, Comparator<String> order) {
        LinkedHashMap<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign_type", signTypeText);
        String source = SignSource.of(signed, Set.of(), order);
        signed.put("sign", Signatures.sign(merchant.keys().getPrivate(), algorithm, source));
        return signed;
    }

    /** The outer body of a pay_load request. */
    static String outer(String oidPartner, String payLoad) {
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", oidPartner);
        outer.put("pay_load", payLoad);
        return FlatJson.write(outer);
    }

    /** The outer body carrying {@code innerText}, whatever it is, sealed for the gateway. */
    static String sealedText(Gateway gateway, TestMerchant merchant, String innerText) {
        return outer(merchant.oidPartner(), PayLoad.seal(gateway.publicKey(), innerText));
    }

    /** The data gzip-compressed, as a client sending {@code Content-Encoding: gzip} does. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
