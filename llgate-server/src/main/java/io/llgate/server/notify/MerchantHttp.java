package io.llgate.server.notify;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking HTTP/1.1 client for notification attempts, connections kept alive per origin.
 *
 * <p>Attempts run on virtual threads, where a blocking socket costs a parked thread and nothing else; the JDK's
 * asynchronous client spends several times the CPU of the exchange itself on selector hand-offs, timers and
 * future chains. This client sends one POST and reads its answer on the calling thread, and follows no
 * redirect: a 3xx is a status like any other.
 *
 * <p>The whole exchange ends at the caller's deadline: every blocking read waits at most the time left, so a
 * server dripping one byte a second cannot stretch it. Writes are not bounded that way (a notification fits in
 * the socket's send buffer); the caller interrupts its thread if it must stop one, which closes the socket.
 * A connection goes back to the idle pool of its origin only after an answer read to its end, that neither side
 * closed; any error closes it.
 */
final class MerchantHttp implements AutoCloseable {
    static final int MAX_IDLE_PER_ORIGIN = 16;
    static final Duration MAX_IDLE = Duration.ofSeconds(30);
    /** Status line and headers together; anything longer is not a merchant's notification answer. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** How often a post looks through every origin's idle connections for ones idle too long to keep. */
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A status and at most the limit plus one bytes of the body, so that "longer than the limit" shows. */
    record Answer(int status, byte[] body) {
    }

    /** Where connections may be shared: same scheme, host and port. */
    record Origin(boolean tls, String host, int port) {
        /** The origin of an http or https URL; IllegalArgumentException for anything else. */
        static Origin of(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("invalid URI scheme " + uri.getScheme());
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("no host in " + uri);
            }
            boolean tls = scheme.equals("https");
            int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
            return new Origin(tls, host.toLowerCase(Locale.ROOT), port);
        }

        boolean defaultPort() {
            return port == (tls ? 443 : 80);
        }

        /** The host to connect to: an IPv6 literal without its brackets. */
        String address() {
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
    }

    private final Duration connectTimeout;
    private final SSLSocketFactory tls;
    private final Map<Origin, ArrayDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    MerchantHttp(Duration connectTimeout) {
        this(connectTimeout, defaultTls());
    }

    /** With the given TLS sockets, e.g. ones trusting a test's own certificate. */
    MerchantHttp(Duration connectTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /**
     * POSTs the body with the headers given (after Host, before Content-Length) and reads the answer, all before
     * {@code deadlineNanos} (a {@link System#nanoTime()} instant), or throws {@link HttpTimeoutException}.
     * A kept-alive connection the server closed while it was idle is found out by the first read or write, before
     * any byte of the answer: the request is then sent once more on a new connection.
     */
    Answer post(URI uri, Map<String, String> headers, byte[] body, int maxAnswerBytes, long deadlineNanos)
            throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        Origin origin = Origin.of(uri);
        byte[] request = request(uri, origin, headers, body);
        sweepNowAndThen();
        Connection reused = takeIdle(origin);
        if (reused != null) {
            try {
                return exchange(reused, request, maxAnswerBytes, deadlineNanos);
            } catch (IOException e) {
                if (reused.answerStarted || e instanceof HttpTimeoutException || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // The server closed it while idle: what was sent never reached anything that answers.
            }
        }
        return exchange(connect(origin, deadlineNanos), request, maxAnswerBytes, deadlineNanos);
    }

    private Answer exchange(Connection c, byte[] request, int maxAnswerBytes, long deadlineNanos) throws IOException {
        boolean done = false;
        try {
            c.begin(deadlineNanos);
            c.out.write(request);
            c.out.flush();
            Head head = readHead(c);
            byte[] answer = readBody(c, head, maxAnswerBytes);
            done = true;
            if (c.reusable) {
                giveBack(c);
            } else {
                c.close();
            }
            return new Answer(head.status, answer);
        } catch (SocketTimeoutException e) {
            throw timedOut();
        } finally {
            if (!done) {
                c.close();
            }
        }
    }

    private Connection connect(Origin origin, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        long connectMillis = Math.min(connectTimeout.toMillis(), millisUp(left));
        if (left <= 0) {
            throw timedOut();
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(origin.address(), origin.port()), (int) Math.max(1, connectMillis));
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("no connection to " + origin.host() + ":" + origin.port()
                        + " within " + connectMillis + " ms");
            }
            if (!origin.tls()) {
                return new Connection(origin, socket);
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, origin.address(), origin.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(origin.address())) {
                parameters.setServerNames(List.of(new SNIHostName(origin.address())));
            }
            secure.setSSLParameters(parameters);
            Connection c = new Connection(origin, secure);
            c.begin(deadlineNanos);
            try {
                c.waitAtMostTheTimeLeft();
                secure.startHandshake();
            } catch (SocketTimeoutException e) {
                throw timedOut();
            }
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'));
    }

    private static byte[] request(URI uri, Origin origin, Map<String, String> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256).append("POST ").append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(origin.host());
        if (!origin.defaultPort()) {
            head.append(':').append(origin.port());
        }
        // Some merchants' firewalls turn away requests that name no client.
        head.append("\r\nUser-Agent: LLGate\r\n");
        headers.forEach((name, value) -> {
            if (hasLineBreak(name) || hasLineBreak(value)) {
                throw new IllegalArgumentException("a header with a line break: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    /** The final answer's head: status, and what the body's length and the connection's reuse depend on. */
    private record Head(int status, boolean http11, long contentLength, boolean chunked, boolean close) {
    }

    private static Head readHead(Connection c) throws IOException {
        int budget = MAX_HEAD_BYTES;
        while (true) {
            String statusLine = c.line(budget);
            budget -= statusLine.length() + 2;
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                    || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
                throw new IOException("not an HTTP/1 status line: " + printable(statusLine));
            }
            int status = parseStatus(statusLine.substring(9, 12), statusLine);
            boolean http11 = statusLine.charAt(7) != '0';
            long contentLength = -1;
            boolean chunked = false;
            boolean otherCoding = false;
            boolean close = !http11;
            while (true) {
                String line = c.line(budget);
                budget -= line.length() + 2;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("a header line without a name: " + printable(line));
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    long length = parseLength(value);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new IOException("two different Content-Length headers");
                    }
                    contentLength = length;
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    String[] codings = value.toLowerCase(Locale.ROOT).split(",");
                    chunked = codings[codings.length - 1].trim().equals("chunked");
                    otherCoding = !chunked;
                } else if (name.equalsIgnoreCase("Connection")) {
                    for (String token : value.toLowerCase(Locale.ROOT).split(",")) {
                        if (token.trim().equals("close")) {
                            close = true;
                        }
                    }
                }
            }
            if (status >= 100 && status < 200) {
                if (status == 101) {
                    throw new IOException("101 Switching Protocols to a request that asked for no upgrade");
                }
                continue; // interim: 100 Continue, 103 Early Hints; the final answer follows
            }
            if (otherCoding) {
                // A body in a coding this client does not read ends when the connection does (RFC 9112 6.3).
                return new Head(status, http11, -1, false, true);
            }
            if (chunked) {
                return new Head(status, http11, -1, true, close);
            }
            if (status == 204 || status == 304) {
                return new Head(status, http11, 0, false, close);
            }
            return new Head(status, http11, contentLength, false, close || contentLength < 0);
        }
    }

    private static int parseStatus(String digits, String statusLine) throws IOException {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new IOException("not an HTTP/1 status line: " + printable(statusLine));
            }
        }
        return Integer.parseInt(digits);
    }

    private static long parseLength(String value) throws IOException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IOException("a Content-Length that is not a length: " + printable(value));
        }
        return Long.parseLong(value);
    }

    /** Reads at most {@code max + 1} bytes of the body; the connection stays reusable only if that was all of it. */
    private static byte[] readBody(Connection c, Head head, int max) throws IOException {
        int limit = max + 1;
        byte[] body;
        boolean whole;
        if (head.chunked()) {
            ChunkedBody chunked = readChunked(c, limit);
            body = chunked.body();
            whole = chunked.whole();
        } else if (head.contentLength() >= 0) {
            int wanted = (int) Math.min(head.contentLength(), limit);
            body = new byte[wanted];
            c.readFully(body, wanted);
            whole = wanted == head.contentLength();
        } else {
            body = c.readUntilEnd(limit);
            whole = false; // ended by the close, or cut at the limit: either way not reusable
        }
        c.reusable = whole && !head.close() && head.http11() && !c.hasBufferedBytes();
        return body;
    }

    private record ChunkedBody(byte[] body, boolean whole) {
    }

    private static ChunkedBody readChunked(Connection c, int limit) throws IOException {
        byte[] body = new byte[Math.min(limit, 1024)];
        int length = 0;
        while (true) {
            String sizeLine = c.line(1024);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new IOException("a chunk size that is not a size: " + printable(sizeLine));
            }
            if (size == 0) {
                int budget = MAX_HEAD_BYTES;
                String trailer;
                do {
                    trailer = c.line(budget);
                    budget -= trailer.length() + 2;
                } while (!trailer.isEmpty());
                return new ChunkedBody(Arrays.copyOf(body, length), true);
            }
            int take = (int) Math.min(size, limit - length);
            if (length + take > body.length) {
                body = Arrays.copyOf(body, Math.min(limit, Math.max(length + take, body.length * 2)));
            }
            c.readFully(body, length, take);
            length += take;
            if (take < size || length == limit) {
                // Cut at the limit: the rest stays unread and the connection is closed.
                return new ChunkedBody(Arrays.copyOf(body, length), false);
            }
            if (!c.line(2).isEmpty()) {
                throw new IOException("a chunk longer than its size");
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        cut.chars().forEach(ch -> out.append(ch >= 0x20 && ch < 0x7f ? (char) ch : '?'));
        return out.toString();
    }

    private static HttpTimeoutException timedOut() {
        return new HttpTimeoutException("no complete answer before the deadline");
    }

    private static long millisUp(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    private Connection takeIdle(Origin origin) {
        ArrayDeque<Connection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        List<Connection> stale = new ArrayList<>();
        Connection found = null;
        synchronized (connections) {
            // Most recently used first; once one has been idle too long, so have all behind it.
            Connection c;
            while ((c = connections.pollFirst()) != null) {
                if (now - c.idleSince <= MAX_IDLE.toNanos()) {
                    found = c;
                    break;
                }
                stale.add(c);
            }
        }
        stale.forEach(Connection::close);
        return found;
    }

    private void giveBack(Connection c) {
        c.idleSince = System.nanoTime();
        ArrayDeque<Connection> connections = idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>());
        synchronized (connections) {
            // close() sets closed before it empties each origin's connections under this same lock.
            if (!closed && connections.size() < MAX_IDLE_PER_ORIGIN) {
                connections.addFirst(c);
                return;
            }
        }
        c.close();
    }

    /** Closes, every few seconds, the connections idle too long, including those of origins no longer posted to. */
    private void sweepNowAndThen() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        List<Connection> stale = new ArrayList<>();
        for (ArrayDeque<Connection> connections : idle.values()) {
            synchronized (connections) {
                while (!connections.isEmpty() && now - connections.peekLast().idleSince > MAX_IDLE.toNanos()) {
                    stale.add(connections.pollLast());
                }
            }
        }
        stale.forEach(Connection::close);
    }

    /** Closes the idle connections; those in use are closed when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        List<Connection> all = new ArrayList<>();
        for (ArrayDeque<Connection> connections : idle.values()) {
            synchronized (connections) {
                all.addAll(connections);
                connections.clear();
            }
        }
        all.forEach(Connection::close);
    }

    /** How many connections are idle for an origin; for tests. */
    int idleCount(URI uri) {
        ArrayDeque<Connection> connections = idle.get(Origin.of(uri));
        if (connections == null) {
            return 0;
        }
        synchronized (connections) {
            return connections.size();
        }
    }

    /**
     * One socket, used by one exchange at a time. Its reads are buffered here rather than by a
     * BufferedInputStream so that each read from the socket first waits at most the time left.
     */
    private static final class Connection {
        final Origin origin;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[8192];
        int position;
        int end;
        long deadline;
        long idleSince;
        /** Whether a byte of the current exchange's answer has arrived: after that, no retry. */
        boolean answerStarted;
        boolean reusable;

        Connection(Origin origin, Socket socket) throws IOException {
            this.origin = origin;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void begin(long deadlineNanos) {
            deadline = deadlineNanos;
            answerStarted = false;
            reusable = false;
        }

        /** Sets the socket's read timeout to what is left before the deadline, or throws if nothing is. */
        void waitAtMostTheTimeLeft() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("the deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millisUp(left)));
        }

        /** Fills the buffer once; false at the end of the stream. */
        private boolean fill() throws IOException {
            waitAtMostTheTimeLeft();
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            answerStarted = true;
            position = 0;
            end = n;
            return true;
        }

        boolean hasBufferedBytes() {
            return position < end;
        }

        /** A line ended by CRLF (or a bare LF), without its end, of at most {@code max} bytes. */
        String line(int max) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == end && !fill()) {
                    throw new EOFException(line.isEmpty() && !answerStarted
                            ? "the connection closed before an answer" : "the connection closed within the answer's head");
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                if (line.length() >= max) {
                    throw new IOException("an answer's head line longer than " + max + " bytes");
                }
                line.append((char) (b & 0xff));
            }
        }

        void readFully(byte[] target, int length) throws IOException {
            readFully(target, 0, length);
        }

        void readFully(byte[] target, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                if (position == end && !fill()) {
                    throw new EOFException("the connection closed within the answer's body");
                }
                int n = Math.min(length - done, end - position);
                System.arraycopy(buffer, position, target, offset + done, n);
                position += n;
                done += n;
            }
        }

        /** Reads until the server closes the connection, or {@code limit} bytes. */
        byte[] readUntilEnd(int limit) throws IOException {
            byte[] body = new byte[Math.min(limit, 1024)];
            int length = 0;
            while (length < limit && (position < end || fill())) {
                int n = Math.min(limit - length, end - position);
                if (length + n > body.length) {
                    body = Arrays.copyOf(body, Math.min(limit, Math.max(length + n, body.length * 2)));
                }
                System.arraycopy(buffer, position, body, length, n);
                position += n;
                length += n;
            }
            return Arrays.copyOf(body, length);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing to do: the socket is gone either way.
            }
        }
    }
}
