package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.RetCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Reads a request body up to a bound, undoing a real gzip or deflate coding and ignoring any other. */
public final class RequestBody {
    /**
     * How much of a refused body is read and dropped before the answer: a client still sending when the
     * server stops reading may get a reset instead of the answer. Beyond this the connection is simply closed.
     */
    static final long DISCARD_LIMIT = 1 << 20;

    private RequestBody() {
    }

    /** The body bytes; 9901 when it is empty, larger than {@code maxBytes} or unreadable. */
    public static byte[] read(Context ctx, int maxBytes) {
        try {
            byte[] body = readAtMost(ctx, maxBytes).orElseThrow(() -> Refusal.of(RetCode.ILLEGAL_MESSAGE));
            if (body.length == 0) {
                throw Refusal.of(RetCode.ILLEGAL_MESSAGE);
            }
            return body;
        } catch (IOException e) {
            throw Refusal.of(RetCode.ILLEGAL_MESSAGE);
        }
    }

    /** The body bytes, possibly none; empty when it is larger than {@code maxBytes} (the rest is then dropped). */
    public static Optional<byte[]> readAtMost(Context ctx, int maxBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            discardRest(ctx);
            return Optional.empty();
        }
        InputStream in = ctx.req().getInputStream();
        // The official SDK sends "Content-Encoding: UTF-8", which is not a coding: only these two are.
        String coding = ctx.header("Content-Encoding");
        if (coding != null) {
            switch (coding.trim().toLowerCase(Locale.ROOT)) {
                case "gzip", "x-gzip" -> in = new GZIPInputStream(in);
                case "deflate" -> in = new InflaterInputStream(in);
                default -> { }
            }
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            discardRest(ctx);
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private static void discardRest(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            long left = DISCARD_LIMIT;
            byte[] buffer = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client stopped sending; the answer goes out if the connection still takes it.
        }
    }
}
