package io.perfweave.it.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real Prometheus server for a test: started on a free loopback port with the given scrape config, queried with PromQL. */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String api;
    private final Path log;

    private PrometheusServer(Process process, String api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    /** Starts Prometheus in {@code dir} with {@code config} (its YAML) and waits until it is ready. */
    static PrometheusServer start(Path dir, String config) throws Exception {
        Path prometheus = ExternalTool.require("prometheus", "prometheus");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port, log);
        try {
            server.awaitReady();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus ended:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready within 60 s:\n" + Files.readString(log));
    }

    /** Queries until the value is {@code expected} (scrapes take a moment) and returns it; fails with the last value seen. */
    long awaitValue(String promql, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            value = query(promql);
            if (value == expected) {
                return expected;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + " was " + value + ", expected " + expected + "\nprometheus log:\n" + Files.readString(log));
    }

    /** The result of an instant query (a vector's series), once Prometheus has parsed and run it. */
    JsonNode queryResult(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql).path("result");
    }

    /** The data of an API answer, asserting that Prometheus answered {@code success}. */
    JsonNode api(String pathAndQuery, String what) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(api + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = AgentPort.JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText(), what + ": " + response.body());
        return body.path("data");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** The single value of an instant query, or NaN when it has no result yet. */
    double query(String promql) throws Exception {
        JsonNode result = queryResult(promql);
        if (result.size() == 0) {
            return Double.NaN;
        }
        assertEquals(1, result.size(), promql + ": " + result);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
