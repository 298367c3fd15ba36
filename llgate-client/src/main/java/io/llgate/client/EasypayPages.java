package io.llgate.client;

import io.llgate.client.notify.NotificationVerifier;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.WireTime;
import java.net.URI;
import java.util.Map;

/**
 * Card payments on the gateway's pages, spec 20 §4 (WEB, for a PC) and §5 (H5, for a phone): the signed form the
 * payer's browser posts to the gateway, and the signed result the browser brings back to {@code url_return} once,
 * after a successful payment. The result itself arrives by notification
 * ({@link io.llgate.client.notify.NotificationHandler}); the browser's return is a hint.
 */
public final class EasypayPages {
    static final String WEB_PAGE = "/payment/traveleasypay.htm";
    static final String H5_PAGE = "/travlepay.htm";

    private final LlGateClient client;

    EasypayPages(LlGateClient client) {
        this.client = client;
    }

    /**
     * The signed WEB form: one hidden input per field. Nothing is sent: the browser posts it, and the gateway checks
     * {@code timestamp} against its clock then, so serve it at once.
     */
    public EasypayPageForm webForm(EasypayPageRequest request) {
        Map<String, String> signed = client.sign(request.webFields(client.oidPartner(), now()));
        return new EasypayPageForm(URI.create(client.baseUri() + WEB_PAGE), request.noOrder(), signed);
    }

    /** The signed H5 form: one input, {@code req_data}, holding the signed fields as a JSON object. */
    public EasypayPageForm h5Form(EasypayPageRequest request) {
        Map<String, String> signed = client.sign(request.h5Fields(client.oidPartner(), now()));
        return new EasypayPageForm(URI.create(client.baseUri() + H5_PAGE), request.noOrder(),
                Map.of("req_data", FlatJson.write(signed)));
    }

    /**
     * The WEB page's return (20 §4.1): the form parameters the payer's browser posted to {@code url_return}, verified
     * with the gateway's key and for this merchant; {@code ret_code} 0000 reads as {@code SUCCESS}.
     *
     * @throws io.llgate.client.notify.InvalidNotificationException when it does not verify
     */
    public PaymentNotification verifyWebReturn(Map<String, String> formParameters) {
        return verifier().verifyReturn(formParameters);
    }

    /** The WEB page's return from the posted body, {@code application/x-www-form-urlencoded} in UTF-8. */
    public PaymentNotification verifyWebReturn(String urlEncodedBody) {
        return verifier().verifyReturnForm(urlEncodedBody);
    }

    /**
     * The H5 page's return (20 §5.1): the value of {@code res_data}, decoded from {@code url_return}'s query (or from
     * the posted form, for a merchant whose H5 return is posted), verified as the WEB return is.
     */
    public PaymentNotification verifyH5Return(String resData) {
        return verifier().verifyReturn(Map.of("res_data", resData));
    }

    private NotificationVerifier verifier() {
        return client.notificationVerifier();
    }

    private String now() {
        return WireTime.dateTime(client.clock().instant());
    }
}
