package io.llgate.server.sandbox;

import io.llgate.server.http.FormPost;
import java.util.List;

/**
 * What the demo merchant's url_return received, and whether it verifies with the gateway's public key;
 * {@code order} is the paid order as the shop's order query sees it, with its refund form, or null.
 */
public record DemoReturnPage(boolean verified, String charset, List<FormPost.Field> fields, DemoOrder order) {
}
