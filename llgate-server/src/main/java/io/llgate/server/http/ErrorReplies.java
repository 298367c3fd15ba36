package io.llgate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.llgate.protocol.RetCode;
import io.llgate.server.sandbox.MerchantDemoRoutes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a request no route answered itself (malformed HTTP, an unknown path), in the shape its caller
 * parses: the admin API's {@code {"error": ...}} on admin and sandbox-control paths, and everywhere else the
 * merchant API's unsigned {@code 9901} with the reason beside it, which an operator's client reads as well.
 */
public final class ErrorReplies {
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private ErrorReplies() {
    }

    /** True for the paths of the admin API and the sandbox controls, which answer {@code {"error": ...}}. */
    public static boolean isOperatorPath(String path) {
        return path != null && (path.startsWith("/admin/") || path.equals("/admin")
                || path.startsWith("/sandbox/") && !path.startsWith(MerchantDemoRoutes.PATH));
    }

    /** The JSON body answering a request to {@code path} (null when unknown) that failed for {@code reason}. */
    public static byte[] body(String path, String reason) {
        Map<String, String> reply = new LinkedHashMap<>();
        if (!isOperatorPath(path)) {
            reply.put("ret_code", RetCode.ILLEGAL_MESSAGE.code());
            reply.put("ret_msg", RetCode.ILLEGAL_MESSAGE.message());
        }
        reply.put("error", reason);
        try {
            return Json.MAPPER.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
