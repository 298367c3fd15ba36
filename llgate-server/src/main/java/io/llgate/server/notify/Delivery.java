package io.llgate.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.server.security.MerchantUrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notification attempt: POST the exact body, read at most a few KiB of the answer, and decide.
 * The timeout covers the whole exchange (connect, send, answer), not only the connection.
 */
final class Delivery implements AutoCloseable {
    static final int MAX_ANSWER_BYTES = 4096;
    static final int ANSWER_HEAD_CHARS = 512;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANONICAL_ACKNOWLEDGEMENT = "{\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}";

    private final MerchantHttp client;
    private final ExecutorService executor;
    private final Duration timeout;
    private final MerchantUrlGuard urlGuard;

    Delivery(ExecutorService executor, Duration timeout, MerchantUrlGuard urlGuard) {
        this.executor = executor;
        this.timeout = timeout;
        this.urlGuard = urlGuard;
        this.client = new MerchantHttp(timeout);
    }

    /** The headers an attempt sends besides those of HTTP itself, in order; the console shows them. */
    static Map<String, String> headers(long notificationId, int attemptNo) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/json;charset=utf-8");
        headers.put("X-LLGate-Notification-Id", Long.toString(notificationId));
        headers.put("X-LLGate-Attempt", Integer.toString(attemptNo));
        return headers;
    }

    /** What happened; never throws for anything the merchant's side does. */
    record Result(AttemptOutcome outcome, Integer httpStatus, String answerHead, String error, long durationMs) {
    }

    Result attempt(String url, String body, long notificationId, int attemptNo) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
            MerchantHttp.Origin.of(uri);
        } catch (IllegalArgumentException e) {
            return new Result(AttemptOutcome.CONNECTION_ERROR, null, null, "bad URL: " + e.getMessage(), elapsed(started));
        }
        // The client ends its own reads at the deadline; the wait here also bounds the guard's lookup and the
        // send, and interrupting the exchange closes its socket.
        Future<Result> exchange = executor.submit(() -> exchange(uri, body, notificationId, attemptNo, started));
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Result(AttemptOutcome.TIMEOUT, null, null, "no complete answer within " + timeout, elapsed(started));
        } catch (ExecutionException e) {
            return new Result(AttemptOutcome.CONNECTION_ERROR, null, null, describe(e.getCause()), elapsed(started));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(AttemptOutcome.CONNECTION_ERROR, null, null, "interrupted", elapsed(started));
        }
    }

    private Result exchange(URI uri, String body, long notificationId, int attemptNo, long started) {
        // Checked again at every attempt, inside the timeout: DNS may have changed since the request.
        Optional<String> refusal = urlGuard.refusal(uri.toString());
        if (refusal.isPresent()) {
            return new Result(AttemptOutcome.CONNECTION_ERROR, null, null, "refused: notify_url " + refusal.get(),
                    elapsed(started));
        }
        try {
            MerchantHttp.Answer response = client.post(uri, headers(notificationId, attemptNo),
                    body.getBytes(StandardCharsets.UTF_8), MAX_ANSWER_BYTES, started + timeout.toNanos());
            byte[] answer = response.body();
            int status = response.status();
            String text = new String(answer, 0, Math.min(answer.length, MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            String head = text.length() > ANSWER_HEAD_CHARS ? text.substring(0, ANSWER_HEAD_CHARS) : text;
            if (status < 200 || status > 299) {
                return new Result(AttemptOutcome.HTTP_ERROR, status, head, null, elapsed(started));
            }
            boolean acknowledged = answer.length <= MAX_ANSWER_BYTES && isAcknowledgement(text);
            return new Result(acknowledged ? AttemptOutcome.ACKNOWLEDGED : AttemptOutcome.WRONG_BODY,
                    status, head, null, elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Result(AttemptOutcome.TIMEOUT, null, null, describe(e), elapsed(started));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled at the timeout: the interrupt closed the socket under the read.
                return new Result(AttemptOutcome.TIMEOUT, null, null, "cancelled at the timeout", elapsed(started));
            }
            return new Result(AttemptOutcome.CONNECTION_ERROR, null, null, describe(e), elapsed(started));
        }
    }

    /** Closes the kept-alive connections; attempts still in flight close theirs when they end. */
    @Override
    public void close() {
        client.close();
    }

    /** Any JSON object whose ret_code is the string 0000; ret_msg and content type do not matter. */
    static boolean isAcknowledgement(String answer) {
        if (answer.strip().equals(CANONICAL_ACKNOWLEDGEMENT)) {
            // What LianLian's SDKs and most merchants answer, word for word: no parser needed.
            return true;
        }
        try {
            JsonNode node = JSON.readTree(answer);
            return node != null && node.isObject() && node.path("ret_code").isTextual()
                    && node.path("ret_code").textValue().equals("0000");
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
