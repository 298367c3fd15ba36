package io.llgate.bench;

import io.javalin.Javalin;
import io.llgate.server.testing.NotificationReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reference for the HTTP legs: bare exchanges on 127.0.0.1, the JDK HttpClient POSTing a small JSON body and
 * the server answering the documented acknowledgement, with nothing else done on either side. What a figure
 * that sends or answers HTTP cannot beat on the same machine.
 */
final class LoopbackExchange {
    private static final String BODY = "{\"oid_partner\":\"201912300000123456\",\"no_order\":\"PO20240612000017\","
            + "\"money_order\":\"1250.00\",\"result_pay\":\"SUCCESS\"}";

    /** The server side of the exchange. */
    enum Server {
        /** The JDK HttpServer on virtual threads: the merchant receiver the load drivers run. */
        RECEIVER("receiver", "the JDK HttpServer on virtual threads, the drivers' merchant receiver"),
        /** Javalin on Jetty with virtual threads: the gateway's own HTTP stack. */
        JAVALIN("Javalin", "Javalin on Jetty with virtual threads, the gateway's own HTTP stack");

        private final String label;
        private final String description;

        Server(String label, String description) {
            this.label = label;
            this.description = description;
        }

        String label() {
            return label;
        }

        String description() {
            return description;
        }
    }

    /** Exchanges completed in the measured run, their rate, and the CPU the process (client and server) spent. */
    record Rate(Server server, int concurrency, long exchanges, long errors, double seconds, long cpuNanos) {
        double perSecond() {
            return exchanges / seconds;
        }

        double cpuMicrosPerExchange() {
            return cpuNanos / 1e3 / Math.max(1, exchanges);
        }
    }

    private LoopbackExchange() {
    }

    /**
     * Runs a warm-up and then a measured run, each stopping after {@code seconds} or {@code maxExchanges}
     * exchanges, whichever comes first, with {@code concurrency} clients in flight.
     */
    static Rate measure(Server server, int concurrency, int seconds, long maxExchanges) throws Exception {
        try (Endpoint endpoint = Endpoint.start(server)) {
            // As the gateway's Delivery and the drivers' merchants do: HTTP/1.1, connections kept alive.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            run(client, request, concurrency, seconds, maxExchanges);
            long cpu = Machine.processCpuNanos();
            Run measured = run(client, request, concurrency, seconds, maxExchanges);
            return new Rate(server, concurrency, measured.exchanges(), measured.errors(), measured.seconds(),
                    Machine.processCpuNanos() - cpu);
        }
    }

    private record Run(long exchanges, long errors, double seconds) {
    }

    private static Run run(HttpClient client, HttpRequest request, int concurrency, int seconds, long maxExchanges)
            throws Exception {
        AtomicLong started = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Long>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.add(pool.submit(() -> {
                    long done = 0;
                    while (System.nanoTime() < end && started.incrementAndGet() <= maxExchanges) {
                        HttpResponse<String> response;
                        try {
                            response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            // A kept-alive connection the server closed as it was reused: counted, not retried
                            // (the next exchange opens a new one), as the gateway's delivery counts a failed attempt.
                            errors.incrementAndGet();
                            continue;
                        }
                        if (response.statusCode() != 200 || !NotificationReceiver.ACK.equals(response.body())) {
                            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": "
                                    + response.body());
                        }
                        done++;
                    }
                    return done;
                }));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long exchanges = 0;
        for (Future<Long> worker : workers) {
            exchanges += worker.get();
        }
        return new Run(exchanges, errors.get(), elapsed);
    }

    private interface Endpoint extends AutoCloseable {
        String url();

        @Override
        void close();

        static Endpoint start(Server server) {
            return switch (server) {
                case RECEIVER -> {
                    NotificationReceiver receiver = new NotificationReceiver();
                    yield new Endpoint() {
                        public String url() {
                            return receiver.url();
                        }

                        public void close() {
                            receiver.close();
                        }
                    };
                }
                case JAVALIN -> {
                    Javalin app = Javalin.create(config -> {
                        config.startup.showJavalinBanner = false;
                        config.concurrency.useVirtualThreads = true;
                        config.routes.post("/notify", ctx -> ctx.contentType("application/json")
                                .result(NotificationReceiver.ACK));
                    }).start("127.0.0.1", 0);
                    yield new Endpoint() {
                        public String url() {
                            return "http://127.0.0.1:" + app.port() + "/notify";
                        }

                        public void close() {
                            app.stop();
                        }
                    };
                }
            };
        }
    }
}
