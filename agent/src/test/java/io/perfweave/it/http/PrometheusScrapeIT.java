package io.perfweave.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exposition as Prometheus itself reads it: {@code promtool check metrics} on the text
 * format, and a real Prometheus server scraping the agent in each format, queried with PromQL.
 */
class PrometheusScrapeIT {
    private static final long ROUNDS = 1_000;
    private static ForkedJvm jvm;
    private static AgentPort agent;

    @BeforeAll
    static void start() throws Exception {
        jvm = HttpApp.start("port=0", ROUNDS);
        agent = new AgentPort(jvm.port());
    }

    @AfterAll
    static void stop() {
        jvm.close();
    }

    @Test
    void promtoolAcceptsTheTextFormat(@TempDir Path dir) throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        for (String[] request : List.of(new String[] {"/metrics?format=prometheus"}, new String[] {"/metrics", "Accept", "text/plain"})) {
            String[] headers = java.util.Arrays.copyOfRange(request, 1, request.length);
            String exposition = agent.get(request[0], headers).body();
            assertTrue(exposition.contains("perfweave_operation_duration_seconds_bucket{operation=\"work\",le=\"+Inf\"} "
                    + HttpApp.workSuccesses(ROUNDS)), exposition);
            Path file = dir.resolve("metrics.txt");
            Files.writeString(file, exposition);
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(file.toFile()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), "promtool check metrics:\n" + output + "\non:\n" + exposition);
            assertEquals("", output.strip(), "promtool has remarks");
        }
    }

    @Test
    void aPrometheusServerScrapesEveryFormatAndPromqlSeesTheExactCounts(@TempDir Path dir) throws Exception {
        Path prometheus = ExternalTool.require("prometheus", "prometheus");
        int webPort = freePort();
        String target = "'127.0.0.1:" + agent.port() + "'";
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                // Prometheus' own choice: it asks for OpenMetrics first
                "  - job_name: negotiated",
                "    static_configs: [{targets: [" + target + "]}]",
                "  - job_name: openmetrics",
                "    params: {format: [openmetrics]}",
                "    static_configs: [{targets: [" + target + "]}]",
                "  - job_name: text",
                "    params: {format: [prometheus]}",
                "    static_configs: [{targets: [" + target + "]}]",
                ""));
        Path log = dir.resolve("prometheus.log");
        Process server = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + webPort,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String api = "http://127.0.0.1:" + webPort;
            awaitReady(api, server, log);
            String quoted = "say \\\"hi\\\" \\\\ there";
            for (String job : List.of("negotiated", "openmetrics", "text")) {
                String selector = "{job=\"" + job + "\",operation=\"work\"}";
                assertEquals(1, awaitValue(api, "up{job=\"" + job + "\"}", 1, log), job + " up");
                assertEquals(HttpApp.workSuccesses(ROUNDS),
                        awaitValue(api, "perfweave_operation_duration_seconds_count" + selector, HttpApp.workSuccesses(ROUNDS), log), job);
                assertEquals(ROUNDS / 10, awaitValue(api,
                        "perfweave_operation_calls_total{job=\"" + job + "\",operation=\"work\",outcome=\"failure\"}", ROUNDS / 10, log), job);
                assertEquals(HttpApp.workSuccesses(ROUNDS), awaitValue(api,
                        "perfweave_operation_duration_seconds_bucket{job=\"" + job + "\",operation=\"work\",le=\"+Inf\"}",
                        HttpApp.workSuccesses(ROUNDS), log), job);
                assertEquals(ROUNDS, awaitValue(api, "sum(perfweave_operation_calls_total{job=\"" + job
                        + "\",operation=\"" + quoted + "\"})", ROUNDS, log), job + ": escaped operation name");
            }
            // the histogram is usable for quantiles: work takes microseconds, well below 1 s
            double median = queryValue(api, "histogram_quantile(0.5, sum by (le) (perfweave_operation_duration_seconds_bucket{job=\"text\",operation=\"work\"}))");
            assertTrue(median > 0 && median < 0.01, "median of work: " + median);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static void awaitReady(String api, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
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

    /** Queries until the value is {@code expected} (scrapes take a moment) and returns the last value seen. */
    private static long awaitValue(String api, String promql, long expected, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            value = queryValue(api, promql);
            if (value == expected) {
                return expected;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + " was " + value + ", expected " + expected + "\nprometheus log:\n" + Files.readString(log));
    }

    /** The single value of an instant query, or NaN when it has no result yet. */
    private static double queryValue(String api, String promql) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = AgentPort.JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText(), promql + ": " + response.body());
        JsonNode result = body.path("data").path("result");
        if (result.size() == 0) {
            return Double.NaN;
        }
        assertEquals(1, result.size(), promql + ": " + response.body());
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
