package io.llgate.server.sandbox;

import io.llgate.server.http.FormPost;
import java.util.List;

/** What the demo merchant's url_return received, and whether it verifies with the gateway's public key. */
public record DemoReturnPage(boolean verified, String charset, List<FormPost.Field> fields) {
}
