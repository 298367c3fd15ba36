package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetCodeTest {

    /** The documented table, kept as a separate copy so a wrong enum constant shows up. */
    private static Map<String, String> documentedTable() throws IOException {
        try (InputStream in = RetCodeTest.class.getResourceAsStream("/ret-codes.tsv")) {
            Map<String, String> table = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] cells = line.split("\t");
                    table.put(cells[0], cells[1]);
                }
            }
            return table;
        }
    }

    @Test
    void holdsExactlyTheDocumentedCodesAndMessages() throws Exception {
        Map<String, String> table = documentedTable();
        Map<String, String> ours = new LinkedHashMap<>();
        for (RetCode code : RetCode.values()) {
            ours.put(code.code(), code.message());
        }

        assertThat(table).hasSize(149);
        assertThat(RetCode.values()).hasSize(table.size());
        assertThat(ours).isEqualTo(table);
    }

    @Test
    void namesTheFieldInsideTheParameterErrorMessage() {
        assertThat(RetCode.PARAM_ERROR.message()).isEqualTo("商户请求参数校验错误（具体参数名）");
        assertThat(RetCode.PARAM_ERROR.message("money_order")).isEqualTo("商户请求参数校验错误（money_order）");
        assertThat(RetCode.PARAM_ERROR.message("sign_type")).isEqualTo("商户请求参数校验错误（sign_type）");
    }

    @Test
    void otherCodesIgnoreTheField() {
        assertThat(RetCode.DECRYPT_ERROR.message("pay_load")).isEqualTo("敏感信息解密异常");
        assertThat(RetCode.BANK_ERROR.message("x")).isEqualTo(RetCode.BANK_ERROR.message());
    }

    @Test
    void keepsTheDocumentedQuirks() {
        assertThat(RetCode.USER_NOT_FOUND.message()).isEqualTo("用户不存在");
        assertThat(RetCode.BANK_ERROR_CONTACT_SUPPORT.message())
                .isEqualTo("银行交易出错，请联系客服，客服热线客服热线：4000188888");
        assertThat(RetCode.PAYMENT_IN_PROGRESS.message()).isEqualTo("正在支付中,请稍后");
        assertThat(Arrays.stream(RetCode.values()).map(RetCode::message))
                .allSatisfy(message -> assertThat(message).isEqualTo(message.strip()).doesNotContain("\t"));
    }

    @Test
    void usesTheAgreedNames() {
        Map<RetCode, String> agreed = new LinkedHashMap<>();
        agreed.put(RetCode.SUCCESS, "0000");
        agreed.put(RetCode.SIGN_ERROR, "1001");
        agreed.put(RetCode.DUPLICATE_ORDER, "1002");
        agreed.put(RetCode.PARAM_ERROR, "1004");
        agreed.put(RetCode.IP_NOT_ALLOWED, "1008");
        agreed.put(RetCode.UNPARSABLE, "1012");
        agreed.put(RetCode.ORIGINAL_IN_PROGRESS, "2005");
        agreed.put(RetCode.EXPIRED, "2006");
        agreed.put(RetCode.ALREADY_PAID, "2007");
        agreed.put(RetCode.ILLEGAL_MERCHANT, "3001");
        agreed.put(RetCode.ORDER_NOT_CONFIRMABLE, "4001");
        agreed.put(RetCode.SUSPECTED_DUPLICATE, "4002");
        agreed.put(RetCode.NAME_CARD_MISMATCH, "4003");
        agreed.put(RetCode.DUPLICATE_AND_MISMATCH, "4004");
        agreed.put(RetCode.NO_INSTANT_PAY_PERMISSION, "4005");
        agreed.put(RetCode.DECRYPT_ERROR, "4007");
        agreed.put(RetCode.CONFIRM_CODE_TOO_MANY, "4008");
        agreed.put(RetCode.CONFIRM_CODE_MISMATCH, "4011");
        agreed.put(RetCode.INSUFFICIENT_BALANCE, "5006");
        agreed.put(RetCode.NO_RECORD, "8901");
        agreed.put(RetCode.PAYBILL_ORDER_MISMATCH, "9092");
        agreed.put(RetCode.ILLEGAL_MESSAGE, "9901");
        agreed.put(RetCode.SYSTEM_ERROR, "9999");

        agreed.forEach((code, number) -> assertThat(code.code()).as(code.name()).isEqualTo(number));
    }

    @Test
    void looksCodesUp() {
        assertThat(RetCode.of("0000")).contains(RetCode.SUCCESS);
        assertThat(RetCode.of("4007")).contains(RetCode.DECRYPT_ERROR);
        assertThat(RetCode.of("4105")).contains(RetCode.PAYOUT_BANK_NUMBER_LOOKUP_FAILED);
        assertThat(RetCode.of("0")).isEmpty();
        assertThat(RetCode.of("1234")).isEmpty();
        assertThat(RetCode.of(" 0000")).isEmpty();
        assertThat(RetCode.of(null)).isEmpty();
    }

    @Test
    void findsTheFieldA1004MessageNames() {
        assertThat(RetCode.fieldIn(RetCode.PARAM_ERROR.message("memo"))).contains("memo");
        assertThat(RetCode.fieldIn("商户请求参数校验错误(notify_url)")).contains("notify_url");
        assertThat(RetCode.fieldIn(RetCode.PARAM_ERROR.message())).isEmpty();
        assertThat(RetCode.fieldIn("商户请求参数校验错误")).isEmpty();
        assertThat(RetCode.fieldIn("商户请求参数校验错误（）")).isEmpty();
        assertThat(RetCode.fieldIn(RetCode.SIGN_ERROR.message())).isEmpty();
        assertThat(RetCode.fieldIn(null)).isEmpty();
    }
}
