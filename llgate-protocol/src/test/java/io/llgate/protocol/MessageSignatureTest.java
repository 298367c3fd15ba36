package io.llgate.protocol;

import static io.llgate.protocol.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MessageSignatureTest {
    private static final PrivateKey PRIVATE = RsaKeys.parsePrivate(vector("merchant-private.pem"));
    private static final PublicKey PUBLIC = RsaKeys.parsePublic(vector("merchant-public.pem"));

    private static LinkedHashMap<String, String> fields(String... keysAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    @Provide
    Arbitrary<Map<String, String>> messages() {
        Arbitrary<String> keys = Fixtures.snakeCaseKey().filter(key -> !key.equals("sign") && !key.equals("sign_type"));
        return Arbitraries.maps(keys, Fixtures.unicodeText(20)).ofMinSize(1).ofMaxSize(12)
                .map(LinkedHashMap::new);
    }

    @Property(tries = 100)
    void aSignedMessageVerifiesAfterTravellingAsJson(@ForAll("messages") Map<String, String> message,
                                                     @ForAll SignType type) throws Exception {
        Map<String, String> signed = MessageSignature.sign(PRIVATE, type, message);
        Map<String, String> received = FlatJson.parse(FlatJson.write(signed));

        assertThat(MessageSignature.verify(PUBLIC, type, received).valid()).isTrue();
    }

    @Property(tries = 100)
    void changingAnySignedValueBreaksTheSignature(@ForAll("messages") Map<String, String> message,
                                                  @ForAll int pick) {
        LinkedHashMap<String, String> signed = MessageSignature.sign(PRIVATE, SignType.RSA, message);
        List<String> keys = new ArrayList<>(signed.keySet());
        keys.remove("sign");
        String victim = keys.get(Math.floorMod(pick, keys.size()));

        signed.put(victim, signed.get(victim) + "1");

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, signed).valid()).isFalse();
    }

    @Property(tries = 100)
    void signedMessagesKeepTheGivenOrderThenSignTypeThenSign(@ForAll("messages") Map<String, String> message) {
        LinkedHashMap<String, String> signed = MessageSignature.sign(PRIVATE, SignType.RSA, message);

        List<String> expected = new ArrayList<>();
        message.forEach((key, value) -> {
            if (!value.isEmpty()) {
                expected.add(key);
            }
        });
        expected.add("sign_type");
        expected.add("sign");
        assertThat(signed.keySet()).containsExactlyElementsOf(expected);
        assertThat(signed.get("sign_type")).isEqualTo("RSA");
    }

    @Test
    void signingReplacesOldSignatureFieldsAndDropsEmptyValues() {
        LinkedHashMap<String, String> message = fields(
                "sign", "old", "sign_type ", "SHA256WITHRSA", "no_order", "1", "memo", "", "info_order", " ");
        message.put("user_id", null);

        LinkedHashMap<String, String> signed = MessageSignature.sign(PRIVATE, SignType.RSA, message);

        assertThat(signed.keySet()).containsExactly("no_order", "info_order", "sign_type", "sign");
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, "info_order= &no_order=1&sign_type=RSA", signed.get("sign")))
                .isTrue();
    }

    @Test
    void verifiesTheOpensslSignedVectorMessage() throws Exception {
        LinkedHashMap<String, String> message = FlatJson.parse(vector("message.json"));
        message.put("sign", vector("sign-md5.b64").strip());

        MessageSignature.Verification verification = MessageSignature.verify(PUBLIC, SignType.RSA, message);

        assertThat(verification.valid()).isTrue();
        assertThat(verification.signSource()).isEqualTo(vector("sign-source.txt"));
    }

    @Test
    void acceptsAKeyWithATrailingSpaceWhenTheSignerTrimmedIt() {
        LinkedHashMap<String, String> received = fields("oid_partner", "201912300000123456", "sign_type ", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "oid_partner=201912300000123456&sign_type=RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
    }

    @Test
    void acceptsAKeyWithATrailingSpaceWhenTheSignerKeptIt() {
        LinkedHashMap<String, String> received = fields("oid_partner", "201912300000123456", "sign_type ", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "oid_partner=201912300000123456&sign_type =RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
    }

    @Test
    void findsTheSignUnderAKeyWithSpaces() {
        LinkedHashMap<String, String> received = fields("no_order", "1", "sign_type", "RSA");
        received.put(" sign ", Signatures.sign(PRIVATE, SignType.RSA, "no_order=1&sign_type=RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
    }

    @Test
    void acceptsASignWithStraySpacesAndLineBreaks() {
        LinkedHashMap<String, String> signed = MessageSignature.sign(PRIVATE, SignType.RSA, fields("no_order", "1"));
        String sign = signed.get("sign");
        signed.put("sign", sign.substring(0, 76) + "\r\n" + sign.substring(76, 150) + " " + sign.substring(150));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, signed).valid()).isTrue();
    }

    @Test
    void acceptsASignerThatSortsByBytes() {
        LinkedHashMap<String, String> received = fields("pay_type", "D", "payLoad", "x", "sign_type", "RSA");
        String byteOrderSource = SignSource.of(received, Set.of(), SignSource.BYTE_ORDER);
        assertThat(byteOrderSource).isEqualTo("payLoad=x&pay_type=D&sign_type=RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, byteOrderSource));

        MessageSignature.Verification verification = MessageSignature.verify(PUBLIC, SignType.RSA, received);

        assertThat(verification.valid()).isTrue();
        assertThat(verification.signSource()).isEqualTo("pay_type=D&payLoad=x&sign_type=RSA");
    }

    @Test
    void acceptsASignerThatTrimmedKeysAndSortedByBytes() {
        LinkedHashMap<String, String> received = fields("pay_type ", "D", "payLoad", "x", "sign_type", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "payLoad=x&pay_type=D&sign_type=RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
    }

    @Test
    void keysThatCollideWhenTrimmedAreOnlyCheckedAsReceived() {
        LinkedHashMap<String, String> received = fields("a", "1", "a ", "2", "sign_type", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "a=1&a =2&sign_type=RSA"));
        LinkedHashMap<String, String> trimmedSigner = fields("a", "1", "a ", "2", "sign_type", "RSA");
        trimmedSigner.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "a=2&sign_type=RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, trimmedSigner).valid()).isFalse();
    }

    @Test
    void aFailedVerificationShowsTheSourceBuiltFromTheMessageAsReceived() {
        LinkedHashMap<String, String> received = fields("sign_type ", "RSA", "no_order", "1", "Zeta", "z", "sign", "AAAA");

        MessageSignature.Verification verification = MessageSignature.verify(PUBLIC, SignType.RSA, received);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.signSource()).isEqualTo("no_order=1&sign_type =RSA&Zeta=z");
    }

    @Test
    void aMessageWithoutSignIsInvalid() {
        MessageSignature.Verification verification =
                MessageSignature.verify(PUBLIC, SignType.RSA, fields("no_order", "1", "sign_type", "RSA"));

        assertThat(verification.valid()).isFalse();
        assertThat(verification.signSource()).isEqualTo("no_order=1&sign_type=RSA");
    }

    @Test
    void excludedKeysAreLeftOutOfTheSignedString() {
        LinkedHashMap<String, String> reply = fields("ret_code", "0000", "sign_type", "RSA");
        reply.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "ret_code=0000&sign_type=RSA"));
        reply.put("bank_name", "中国工商银行");
        reply.put("memo", "备注");

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, reply, Set.of("bank_name", "memo")).valid()).isTrue();
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, reply).valid()).isFalse();
    }

    @Test
    void unsignedFieldsFollowTheSignatureAndOnlyVerifyWhenExcluded() {
        LinkedHashMap<String, String> reply = fields("ret_code", "0000", "memo", "支付成功", "bank_name", "招商银行",
                "result_pay", "SUCCESS");

        LinkedHashMap<String, String> signed =
                MessageSignature.sign(PRIVATE, SignType.RSA, reply, Set.of("memo", "bank_name"));

        assertThat(signed.keySet()).containsExactly("ret_code", "result_pay", "sign_type", "sign", "memo", "bank_name");
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, "result_pay=SUCCESS&ret_code=0000&sign_type=RSA",
                signed.get("sign"))).isTrue();
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, signed, Set.of("memo", "bank_name")).valid()).isTrue();
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, signed).valid()).isFalse();
    }

    @Test
    void aSha256SignatureDoesNotPassAsMd5() {
        LinkedHashMap<String, String> signed =
                MessageSignature.sign(PRIVATE, SignType.SHA256WITHRSA, fields("no_order", "1"));

        assertThat(signed.get("sign_type")).isEqualTo("SHA256WITHRSA");
        assertThat(MessageSignature.verify(PUBLIC, SignType.SHA256WITHRSA, signed).valid()).isTrue();
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, signed).valid()).isFalse();
    }

    @Test
    void looksUpFieldsByTrimmedKey() {
        LinkedHashMap<String, String> message = fields("sign_type ", "RSA", " user_id", "u1", "no_order", "1");
        message.put("memo", null);

        assertThat(MessageSignature.field(message, "sign_type")).contains("RSA");
        assertThat(MessageSignature.field(message, "user_id")).contains("u1");
        assertThat(MessageSignature.field(message, "no_order")).contains("1");
        assertThat(MessageSignature.field(message, "memo")).isEmpty();
        assertThat(MessageSignature.field(message, "card_no")).isEmpty();
        assertThat(MessageSignature.field(message, "Sign_Type")).isEmpty();
    }

    @Test
    void fieldLookupTakesTheFirstMatch() {
        assertThat(MessageSignature.field(fields("a ", "first", "a", "second"), "a")).contains("first");
    }

    @Test
    void aFieldWrittenAsTheTextNullIsLeftOutOfTheSignSourceAsLianLiansDemoSigns() {
        // A3b: LianLian's web demo writes a missing no_agree as "null" and its signing helper skips it.
        LinkedHashMap<String, String> received = fields("oid_partner", "201912300000123456", "no_agree", "null",
                "no_order", "1", "sign_type", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA, "no_order=1&oid_partner=201912300000123456&sign_type=RSA"));

        MessageSignature.Verification verification = MessageSignature.verify(PUBLIC, SignType.RSA, received);

        assertThat(verification.valid()).isTrue();
        assertThat(verification.signSource()).isEqualTo("no_order=1&oid_partner=201912300000123456&sign_type=RSA");
        assertThat(MessageSignature.field(received, "no_agree")).isEmpty();
    }

    @Test
    void aSignerThatKeptTheTextNullInItsSourceIsAcceptedToo() {
        LinkedHashMap<String, String> received = fields("oid_partner", "201912300000123456", "no_agree", "null",
                "sign_type ", "RSA");
        received.put("sign", Signatures.sign(PRIVATE, SignType.RSA,
                "no_agree=null&oid_partner=201912300000123456&sign_type=RSA"));

        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isTrue();
        received.put("no_agree", "nul");
        assertThat(MessageSignature.verify(PUBLIC, SignType.RSA, received).valid()).isFalse();
    }

    @Test
    void signingNeverSendsTheTextNull() {
        LinkedHashMap<String, String> signed = MessageSignature.sign(PRIVATE, SignType.RSA,
                fields("no_order", "1", "no_agree", "null", "memo", "NULL"));

        assertThat(signed.keySet()).containsExactly("no_order", "memo", "sign_type", "sign");
        assertThat(Signatures.verify(PUBLIC, SignType.RSA, "memo=NULL&no_order=1&sign_type=RSA", signed.get("sign")))
                .isTrue();
    }
}
