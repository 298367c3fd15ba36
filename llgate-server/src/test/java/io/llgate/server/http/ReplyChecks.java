package io.llgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.Map;
import java.util.function.Supplier;

/** What a merchant must see in every answer, and the proof that a refused request wrote nothing. */
final class ReplyChecks {
    /**
     * A return code and its exact text, copied from the spec's table rather than taken from the
     * production enum, so a wrong text there makes these tests fail.
     */
    record Code(String code, String msg) {
        /** 1004 naming the field inside full-width brackets. */
        static Code param(String field) {
            return new Code("1004", "商户请求参数校验错误（" + field + "）");
        }
    }

    static final Code SUCCESS = new Code("0000", "交易成功");
    static final Code SIGN_ERROR = new Code("1001", "商户请求签名错误");
    static final Code DUPLICATE_ORDER = new Code("1002", "第三方单号重复");
    static final Code IP_NOT_ALLOWED = new Code("1008", "商户请求IP错误");
    static final Code SUSPENDED = new Code("1009", "暂停商户支付服务，请联系连连银通客服");
    static final Code UNPARSABLE = new Code("1012", "请求报文解析失败");
    static final Code IN_PROGRESS = new Code("2005", "原交易已在进行处理，请勿重复提交");
    static final Code ILLEGAL_MERCHANT = new Code("3001", "非法商户");
    static final Code NOT_CONFIRMABLE = new Code("4001", "该订单不存在或非复核状态");
    static final Code NO_INSTANT_PAY = new Code("4005", "商户没有实时付款权限");
    static final Code DECRYPT_ERROR = new Code("4007", "敏感信息解密异常");
    static final Code INSUFFICIENT_BALANCE = new Code("5006", "商户账户余额不足");
    static final Code NO_RECORD = new Code("8901", "没有记录");
    static final Code PAYBILL_ORDER_MISMATCH = new Code("9092", "支付单号与订单号不一致");
    static final Code ILLEGAL_MESSAGE = new Code("9901", "请求报文非法");

    private ReplyChecks() {
    }

    /** HTTP 200 with a JSON body that shows no stack trace. */
    static void assertJsonAnswer(Reply reply) {
        assertThat(reply.status()).as("HTTP status of %s", reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain("at io.")
                .doesNotContainIgnoringCase("<html");
    }

    /** The expected code, signed with the gateway key (MD5withRSA) and addressed to the merchant. */
    static void assertSigned(Reply reply, Code expected, TestMerchant merchant) {
        assertJsonAnswer(reply);
        assertThat(reply.retCode()).as("ret_code of %s", reply.text()).isEqualTo(expected.code());
        assertThat(reply.get("ret_msg")).isEqualTo(expected.msg());
        assertThat(reply.get("oid_partner")).isEqualTo(merchant.oidPartner());
        assertThat(reply.get("sign_type")).isEqualTo("RSA");
        assertThat(reply.signatureValid()).as("signature of %s", reply.text()).isTrue();
    }

    /** The expected code alone, unsigned: the gateway could not tell whom it was answering. */
    static void assertUnsigned(Reply reply, Code expected) {
        assertJsonAnswer(reply);
        assertThat(reply.fields()).as("reply %s", reply.text())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ret_code", expected.code(), "ret_msg", expected.msg()));
    }

    /**
     * Sends the request (a JSON call or a page's form) and fails unless the store holds exactly the same rows and
     * balances afterwards.
     */
    static <T> T writesNothing(Gateway gateway, Supplier<T> request) {
        StoreSnapshot before = StoreSnapshot.take(gateway);
        T reply = request.get();
        assertThat(StoreSnapshot.take(gateway)).as("store after %s", reply).isEqualTo(before);
        return reply;
    }
}
