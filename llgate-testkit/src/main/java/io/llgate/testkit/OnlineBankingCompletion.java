package io.llgate.testkit;

import io.llgate.client.ResultPay;
import java.net.URI;
import java.util.Optional;

/**
 * How the sandbox bank completed an online banking order, and where the payer's browser went next.
 *
 * @param resultPay {@code SUCCESS} when approved, {@code FAILURE} when declined
 * @param returnPage the gateway's page that takes the payer back to {@code url_return}; absent when the order was
 *                   declined, has no {@code url_return}, or its bank does not send payers back (ICBC)
 * @param returned what the merchant's {@code url_return} answered the browser, once the return page posted to it
 */
public record OnlineBankingCompletion(String noOrder, String oidPaybill, ResultPay resultPay, Optional<URI> returnPage,
                                      Optional<Returned> returned) {

    /**
     * The payer's browser at the merchant's {@code url_return}, having posted the return page's form there.
     *
     * @param urlReturn where the form was posted
     * @param status the HTTP status the merchant answered
     * @param body the merchant's page, decoded in the charset its content type declares
     */
    public record Returned(URI urlReturn, int status, String contentType, String body) {
    }
}
