package io.llgate.server.cardbind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A merchant's card binding calls through real HTTP with real signatures, and the codes the sandbox texts, read from
 * its SMS inbox as a developer would.
 */
final class Binder {
    static final String APPLY = "/bankcardbind.htm";
    static final String VERIFY = "/bankcardbindverfy.htm";
    static final String UNBIND = "/bankcardunbind.htm";
    static final String LIST = "/bankcardbindlist.htm";
    /** China Merchants Bank debit and credit cards the sandbox issuer passes. */
    static final String DEBIT = "6214830100005566";
    static final String OTHER_DEBIT = "6222020000000002";
    static final String CREDIT = "6225768812341234";
    /** Identity numbers with the right check character. */
    static final String ID_WANG = "110101199001011237";
    static final String ID_LI = "31010419851231002X";
    static final String RISK_ITEM = "{\"frms_ware_category\":\"4007\",\"user_info_mercht_userno\":\"cust_00872\","
            + "\"user_info_dt_register\":\"20230102080910\"}";
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 100_000_000L);

    final Gateway gateway;
    final TestMerchant merchant;
    private final TestAdmin admin;

    Binder(Gateway gateway, TestMerchant merchant) {
        this.gateway = gateway;
        this.merchant = merchant;
        this.admin = new TestAdmin(gateway);
    }

    /** A mobile no other apply of this run texts to, so its inbox holds only this test's codes. */
    static String freshMobile() {
        return "139" + String.format("%08d", MOBILES.incrementAndGet() % 100_000_000L);
    }

    /** A debit card's apply for Wang Xiaoming, from {@code namesAndValues} changed or added. */
    static LinkedHashMap<String, String> applyFields(String userId, String cardNo, String mobile, String... namesAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", userId);
        fields.put("api_version", "2.1");
        fields.put("pay_type", "M");
        fields.put("card_no", cardNo);
        fields.put("acct_name", "王小明");
        fields.put("id_type", "0");
        fields.put("id_no", ID_WANG);
        fields.put("bind_mob", mobile);
        fields.put("risk_item", RISK_ITEM);
        return with(fields, namesAndValues);
    }

    static LinkedHashMap<String, String> with(LinkedHashMap<String, String> fields, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                fields.remove(namesAndValues[i]);
            } else {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return fields;
    }

    Reply call(String path, LinkedHashMap<String, String> fields) {
        LinkedHashMap<String, String> withPartner = new LinkedHashMap<>();
        withPartner.put("oid_partner", merchant.oidPartner());
        withPartner.putAll(fields);
        return merchant.plain(path, withPartner);
    }

    Reply apply(LinkedHashMap<String, String> fields) {
        return call(APPLY, fields);
    }

    /** Applies and answers the token; fails unless the apply is {@code 0000}. */
    String applied(LinkedHashMap<String, String> fields) {
        Reply reply = apply(fields);
        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
        assertThat(reply.signatureValid()).isTrue();
        return reply.get("token");
    }

    /** The latest code texted to {@code mobile}, from the sandbox SMS inbox. */
    String code(String mobile) {
        JsonNode messages = admin.get("/sandbox/sms?mobile=" + mobile).json().get("messages");
        assertThat(messages).as("codes texted to %s", mobile).isNotEmpty();
        return messages.get(0).get("code").asText();
    }

    Reply verify(String userId, String token, String code) {
        return verify(VERIFY, userId, token, code);
    }

    Reply verify(String path, String userId, String token, String code) {
        return call(path, with(new LinkedHashMap<>(), "user_id", userId, "token", token, "verify_code", code));
    }

    /** Binds the card in one go (apply, read the code, verify) and answers its {@code no_agree}. */
    String bind(String userId, String cardNo, String... namesAndValues) {
        String mobile = freshMobile();
        String token = applied(applyFields(userId, cardNo, mobile, namesAndValues));
        Reply verified = verify(userId, token, code(mobile));
        assertThat(verified.retCode()).as(verified.text()).isEqualTo("0000");
        return verified.get("no_agree");
    }

    Reply list(String userId, String... namesAndValues) {
        return call(LIST, with(with(new LinkedHashMap<>(), "user_id", userId, "offset", "0"), namesAndValues));
    }

    Reply unbind(String userId, String noAgree, String... namesAndValues) {
        return call(UNBIND, with(with(new LinkedHashMap<>(), "user_id", userId, "no_agree", noAgree), namesAndValues));
    }

    /** Whether a list reply verifies as LianLian's SDK checks it: without {@code agreement_list} (C7). */
    boolean listSignatureValid(Reply reply) {
        return MessageSignature.verify(gateway.publicKey(), SignType.RSA, reply.fields(), Set.of("agreement_list"))
                .valid();
    }
}
