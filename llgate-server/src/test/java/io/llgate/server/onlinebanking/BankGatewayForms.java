package io.llgate.server.onlinebanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.http.StoreSnapshot;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posting merchant forms and reading the gateway's pages, for the online banking tests. */
final class BankGatewayForms {
    static final String BANK_GATEWAY = "/payment/bankgateway.htm";

    private BankGatewayForms() {
    }

    /** Signs the form as the merchant and posts it from the payer's browser in UTF-8. */
    static Page post(PageClient payer, TestMerchant merchant, Map<String, String> form) {
        return post(payer, merchant, form, StandardCharsets.UTF_8);
    }

    static Page post(PageClient payer, TestMerchant merchant, Map<String, String> form, Charset charset) {
        return payer.postForm(BANK_GATEWAY, merchant.sign(form), charset);
    }

    /**
     * The gateway's error page with the code, the exact message (copied from the spec's table, not taken
     * from the production enum) and the field at fault, as HTML and never a stack trace.
     */
    static void assertErrorPage(Page page, String code, String message, String field) {
        assertThat(page.status()).as(page.html()).isIn(400, 404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.byId("ret_code")).as(page.html()).isEqualTo(code);
        assertThat(page.byId("ret_msg")).isEqualTo(message);
        assertThat(page.byId("field")).isEqualTo(field);
        assertThat(page.html()).doesNotContain("Exception").doesNotContain("at io.");
    }

    /** 1004 naming the field. */
    static void assertParamError(Page page, String field) {
        assertErrorPage(page, "1004", "商户请求参数校验错误（" + field + "）", field);
    }

    /** Sends the request and fails unless the store holds exactly the same rows and balances afterwards. */
    static Page writesNothing(Gateway gateway, Supplier<Page> request) {
        StoreSnapshot before = StoreSnapshot.take(gateway);
        Page page = request.get();
        assertThat(StoreSnapshot.take(gateway)).as("store after %s", page.html()).isEqualTo(before);
        return page;
    }

    /** Where the cashier page's form posts the payer's choice. */
    static String cashierAction(Page cashier) {
        Matcher m = Pattern.compile("action=\"(/payment/cashier/[0-9a-f]+)\"").matcher(cashier.html());
        assertThat(m.find()).as(cashier.html()).isTrue();
        return m.group(1);
    }
}
