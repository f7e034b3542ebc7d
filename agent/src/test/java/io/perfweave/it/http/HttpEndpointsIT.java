package io.perfweave.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.agent.http.RawHttp;
import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint's shape and every error status, against a forked JVM with the agent. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpEndpointsIT {
    private static final long ROUNDS = 100;
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

    private static void assertJsonError(int status, String body) throws Exception {
        JsonNode error = AgentPort.JSON.readTree(body);
        assertEquals(status, error.get("status").asInt(), body);
        assertFalse(error.get("error").asText().isBlank(), body);
        assertEquals(2, error.size(), body);
    }

    private static void assertJsonError(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertJsonError(status, response.body());
    }

    private static void assertJsonError(int status, RawHttp response) throws Exception {
        assertEquals(status, response.status(), response.body());
        assertJsonError(status, response.body());
    }

    @Test
    @Order(1)
    void healthSaysUpAndListsTheEndpoints() throws Exception {
        JsonNode health = agent.json("/health");
        assertEquals("UP", health.get("status").asText());
        assertEquals(3, health.get("operations").asInt());
        assertTrue(health.get("uptime_seconds").asDouble() > 0);
        assertEquals(0, health.get("advice_failures").asLong());
        assertTrue(health.get("endpoints").toString().contains("/metrics"));
    }

    @Test
    @Order(1)
    void metricsIsEveryOperationsSummaryWithExactCounts() throws Exception {
        JsonNode metrics = agent.json("/metrics");
        assertEquals(List.of("work", "lookup", HttpApp.QUOTED), names(metrics));
        JsonNode work = metrics.get("work");
        assertEquals("work", work.get("operation").asText());
        assertEquals(ROUNDS, work.get("total_calls").asLong());
        assertEquals(HttpApp.workSuccesses(ROUNDS), work.get("successful_calls").asLong());
        assertEquals(ROUNDS / 10, work.get("failed_calls").asLong());
        assertEquals(90.0, work.get("success_rate").asDouble());
        assertEquals(1, work.get("matched").asInt());
        assertEquals("java.lang.IllegalStateException", work.get("last_error").get("type").asText());
        for (String field : List.of("avg_duration_ms", "max_duration_ms", "min_duration_ms", "p50_ms", "p95_ms",
                "p99_ms", "stddev_ms", "calls_per_second", "period_seconds")) {
            assertTrue(work.get(field).isNumber(), field);
        }
        assertTrue(work.get("p50_ms").asDouble() <= work.get("p99_ms").asDouble());
        JsonNode window = work.get("window");
        assertEquals(ROUNDS, window.get("total_calls").asLong());
        assertTrue(window.get("window_seconds").asInt() > 0);
        assertEquals(ROUNDS, metrics.get(HttpApp.QUOTED).get("total_calls").asLong());
    }

    @Test
    @Order(1)
    void oneOperationByNameAndUnknownNamesAre404() throws Exception {
        assertEquals(ROUNDS, agent.json("/metrics/lookup").get("total_calls").asLong());
        // the name percent-encoded: quotes, spaces and a backslash
        String encoded = "say%20%22hi%22%20%5C%20there";
        assertEquals(HttpApp.QUOTED, agent.json("/metrics/" + encoded).get("operation").asText());
        assertJsonError(404, agent.get("/metrics/no_such_operation"));
    }

    @Test
    @Order(1)
    void reportGivesOneProjectsFiguresAcrossOperations() throws Exception {
        JsonNode report = agent.json("/report/project_id/TEST-001");
        assertEquals("TEST-001", report.get("project_id").asText());
        // rounds 3, 6, ..., 99 use TEST-001
        assertEquals(ROUNDS / 3, report.get("component_metrics").get("lookup").get("total_calls").asLong());
        assertEquals(ROUNDS / 3, report.get("total_calls").asLong());
        assertEquals(100.0, report.get("component_metrics").get("lookup").get("success_rate").asDouble());
        assertEquals(ROUNDS / 3 + 1, agent.json("/report/project_id/TEST-002").get("total_calls").asLong());
        assertJsonError(404, agent.get("/report/customer_id/TEST-001"));
    }

    @Test
    @Order(1)
    void prometheusTextOnRequest() throws Exception {
        HttpResponse<String> text = agent.get("/metrics", "Accept", "text/plain");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("content-type").orElseThrow());
        assertTrue(text.body().contains("perfweave_operation_duration_seconds_count{operation=\"work\"} "
                + HttpApp.workSuccesses(ROUNDS) + "\n"), text.body());
        assertTrue(text.body().contains("perfweave_operation_calls_total{operation=\"work\",outcome=\"failure\"} 10\n"));
        assertTrue(text.body().contains("perfweave_operation_matched_methods{operation=\"say \\\"hi\\\" \\\\ there\"} 1\n"));
        HttpResponse<String> openMetrics = agent.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                openMetrics.headers().firstValue("content-type").orElseThrow());
        assertTrue(openMetrics.body().endsWith("# EOF\n"));
        assertEquals(text.headers().firstValue("content-type"),
                agent.get("/metrics?format=prometheus").headers().firstValue("content-type"));
        assertJsonError(400, agent.get("/metrics?format=xml"));
    }

    @Test
    @Order(1)
    void theDashboardPageAndItsFiles() throws Exception {
        HttpResponse<String> page = agent.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.body().contains("<script src=\"dashboard.js\""));
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("connect-src 'self'"));
        assertEquals("text/javascript; charset=utf-8", agent.get("/dashboard.js").headers().firstValue("content-type").orElseThrow());
        assertEquals("text/css; charset=utf-8", agent.get("/dashboard.css").headers().firstValue("content-type").orElseThrow());
    }

    @Test
    @Order(1)
    void thresholdsResourcesAndRecommendationsAnswerInTheContractsShape() throws Exception {
        // this config sets no thresholds: all is met, and the seeds' sentence says so
        JsonNode thresholds = agent.json("/thresholds");
        assertTrue(thresholds.get("thresholds_met").asBoolean(), thresholds.toString());
        assertEquals(List.of("Performance within acceptable thresholds"),
                AgentPort.JSON.convertValue(agent.json("/recommendations"), List.class));
        JsonNode resources = agent.json("/resources");
        for (String field : List.of("memory_usage_mb", "memory_increase_mb", "cpu_percent", "open_files", "threads",
                "jvm", "system")) {
            assertTrue(resources.has(field), field + " in " + resources);
        }
    }

    @Test
    @Order(1)
    void errorsAreJsonWithTheRightStatus() throws Exception {
        assertJsonError(404, agent.get("/nowhere"));
        HttpResponse<String> delete = agent.send("DELETE", "/metrics");
        assertJsonError(405, delete);
        assertEquals("GET, HEAD", delete.headers().firstValue("allow").orElseThrow());
        assertJsonError(405, agent.get("/reset"));
        int port = agent.port();
        assertJsonError(400, RawHttp.send(port, "NOT HTTP AT ALL\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics/%G1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(405, RawHttp.send(port, "BREW /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(413, RawHttp.send(port, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n"));
        assertJsonError(414, agent.get("/metrics?filter=" + "a".repeat(3000)));
        assertJsonError(431, agent.get("/metrics", "X-Padding", "p".repeat(9000)));
        // none of it reached the host's console through the HTTP library's logging: the host's
        // stderr holds the agent's lines and the JVM's own warnings only
        for (String line : jvm.stderr()) {
            assertTrue(line.startsWith("[perfweave]") || line.matches("^\\S+ 64-Bit Server VM warning: .*"),
                    "unexpected output on the host's stderr: " + line);
        }
    }

    @Test
    @Order(2)
    void aSlowClientTimesOutWithoutHoldingUpOthers() throws Exception {
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", agent.port()), 5_000);
            slow.setSoTimeout(20_000);
            OutputStream out = slow.getOutputStream();
            long started = System.nanoTime();
            CompletableFuture<Void> dribble = CompletableFuture.runAsync(() -> {
                // one byte every 2 s: each read is quick enough, the whole request is not
                byte[] request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
                try {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(2_000);
                    }
                } catch (Exception closedByTheServer) {
                    // expected once the deadline has passed
                }
            });
            // meanwhile other clients are served
            for (int i = 0; i < 5; i++) {
                assertEquals(200, agent.get("/health").statusCode());
            }
            InputStream in = slow.getInputStream();
            RawHttp answer = RawHttp.read(in);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertJsonError(408, answer);
            // the server's 10 s deadline, not the client's own 20 s timeout, ended it
            assertTrue(seconds >= 9 && seconds < 20, "timed out after " + seconds + " s");
            dribble.cancel(true);
        }
    }

    @Test
    @Order(3)
    void servingRunsOnTheAgentsOwnThreads() throws Exception {
        jvm.send("threads");
        String line = jvm.awaitStdout("threads ", Duration.ofSeconds(10));
        List<String> names = List.of(line.substring("threads ".length()).split("\\|"));
        assertTrue(names.contains("perfweave-http-accept"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("perfweave-http-")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("NanoHttpd")), names.toString());
    }

    @Test
    @Order(4)
    void resetClearsTheFiguresAndRecordingGoesOn() throws Exception {
        HttpResponse<String> reset = agent.send("POST", "/reset");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("reset", AgentPort.JSON.readTree(reset.body()).get("status").asText());
        assertEquals(0, agent.json("/metrics/work").get("total_calls").asLong());
        jvm.send("more 20");
        jvm.awaitStdout("did 20", Duration.ofSeconds(10));
        assertEquals(20, agent.json("/metrics/work").get("total_calls").asLong());
        assertEquals(HttpApp.workSuccesses(120) - HttpApp.workSuccesses(100),
                agent.json("/metrics/work").get("successful_calls").asLong());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
