package io.llgate.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what it refuses before any route runs (a bad request line, conflicting or negative
 * Content-Length, headers too large, a NUL in the path): JSON in the shape {@link ErrorReplies} gives for the path,
 * never Jetty's HTML page nor a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, ErrorReplies.CONTENT_TYPE);

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpURI uri = request.getHttpURI();
        // Jetty names a request whose target it could not read "/badMessage": its path is then unknown.
        String path = uri == null || "/badMessage".equals(uri.getPath()) ? null : uri.getPath();
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(ErrorReplies.body(path, reason(code, message))), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(ErrorReplies.body(null, reason(status, reason)));
    }

    private static String reason(int code, String message) {
        String status = code + " " + HttpStatus.getMessage(code);
        return (code < 500 || code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? "malformed HTTP request ("
                : "the request could not be served (") + status + ")"
                + (message == null || message.isBlank() || message.equals(HttpStatus.getMessage(code)) ? "" : ": " + message);
    }
}
