package io.llgate.server.http;

import io.javalin.http.Context;
import java.util.Map;

/** A file answered as it is: its name, exact bytes, content type and extra headers. */
public record FileReply(String name, byte[] content, String contentType, Map<String, String> headers) {
    public FileReply {
        headers = Map.copyOf(headers);
    }

    /** Answers the file with HTTP 200, named for saving as. */
    public void writeTo(Context ctx) {
        ctx.status(200).contentType(contentType);
        // Names are the gateway's own (letters, digits, '_' and '.'), so they need no escaping.
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        headers.forEach(ctx::header);
        ctx.result(content);
    }
}
