package io.llgate.server.easypay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The addresses of the card payment pages a payer visits; their routes are in {@link HostedPaymentRoutes}. */
final class HostedPaths {
    static final String PAGE = "/easypay/pay/{token}";
    static final String RETURN = "/easypay/return/{token}";

    private HostedPaths() {
    }

    static String page(HostedPage page) {
        return page(page.pageToken());
    }

    static String page(String pageToken) {
        return "/easypay/pay/" + pageToken;
    }

    /** The single-use return to url_return; only a paid payment with a url_return has one. */
    static String returnToMerchant(HostedPage page) {
        return "/easypay/return/" + page.returnToken();
    }

    /** {@code url_return?res_data=<JSON>} (20 §5.1), the JSON URL-encoded; joined with {@code &} when it has a query. */
    static String withResData(String urlReturn, String resData) {
        int fragment = urlReturn.indexOf('#');
        String base = fragment < 0 ? urlReturn : urlReturn.substring(0, fragment);
        return base + (base.contains("?") ? "&" : "?") + "res_data=" + URLEncoder.encode(resData, StandardCharsets.UTF_8);
    }
}
