package io.perfweave.it.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP metrics receiver for a test: accepts {@code POST /v1/metrics}, decodes the protobuf
 * body with the {@code opentelemetry-proto} classes and keeps every request; or, while told to
 * fail, answers every push with that status as a collector in trouble would.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<ExportMetricsServiceRequest> received = new ArrayList<>();
    private final List<Map<String, List<String>>> headers = new ArrayList<>();
    private volatile int failWith;
    private int attempts;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/metrics", receiver::handle);
        server.start();
        return receiver;
    }

    /** The base URL, as a user writes it in {@code export.otlp.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every push is answered with {@code status} (0: accepted again). */
    void failWith(int status) {
        failWith = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status = failWith;
        synchronized (this) {
            attempts++;
            if (status == 0) {
                received.add(ExportMetricsServiceRequest.parseFrom(body));
                headers.add(Map.copyOf(exchange.getRequestHeaders()));
            }
            notifyAll();
        }
        byte[] reply = status == 0 ? ExportMetricsServiceResponse.getDefaultInstance().toByteArray() : new byte[0];
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status == 0 ? 200 : status, reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /** Every push that reached the receiver, accepted or not. */
    synchronized int attempts() {
        return attempts;
    }

    /** Waits until {@code attempts() >= n}. */
    synchronized void awaitAttempts(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (attempts < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the receiver saw " + attempts + " push(es) within " + timeout + ", expected " + n);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for an accepted request that satisfies {@code condition} and answers it. */
    synchronized ExportMetricsServiceRequest await(Predicate<ExportMetricsServiceRequest> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0; ; ) {
            for (; seen < received.size(); seen++) {
                if (condition.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no OTLP request matched within " + timeout + "; the last of " + received.size()
                        + ": " + (received.isEmpty() ? "none" : received.get(received.size() - 1)));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The HTTP headers of the accepted request at {@code index}. */
    synchronized Map<String, List<String>> headersOf(ExportMetricsServiceRequest request) {
        return headers.get(received.indexOf(request));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
