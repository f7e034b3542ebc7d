package io.perfweave.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsRoutesTest {
    private static Statistics statistics;
    private static MetricsRoutes routes;

    @BeforeAll
    static void configure() throws Exception {
        statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "operations:",
                "  - name: routes_tagged",
                "    class: x.Y",
                "    method: m",
                "    tags:",
                "      project_id: arg0",
                "  - name: routes_plain",
                "    class: x.Y",
                "    method: n",
                ""), "routes.yaml")));
        routes = new MetricsRoutes(statistics);
    }

    /** Every test starts from the same figures: a reset (which is global) and then four calls. */
    @BeforeEach
    void record() {
        statistics.reset();
        int tagged = statistics.catalog().get("routes_tagged").recorder().id;
        for (int i = 0; i < 3; i++) {
            Timing.exitTagged(tagged, System.nanoTime() - 1_000_000L, null, "TEST-001");
        }
        Timing.exitTagged(tagged, System.nanoTime() - 1_000_000L, new IllegalStateException("boom"), "TEST-002");
    }

    private static HttpReply get(String path) {
        return call("GET", path, Map.of(), Map.of());
    }

    private static HttpReply call(String method, String path, Map<String, String> query, Map<String, String> headers) {
        return routes.handle(new HttpRequest(method, path, query, new HashMap<>(headers)));
    }

    private static JsonNode json(HttpReply reply) throws Exception {
        assertEquals(HttpReply.JSON, reply.contentType());
        return HttpReply.MAPPER.readTree(reply.body());
    }

    @Test
    void theStreamedListWritesEachOperationAsJacksonWritesItsView() throws Exception {
        // one call of routes_plain inside a call of routes_tagged, so that a breakdown is written too
        int tagged = statistics.catalog().get("routes_tagged").recorder().id;
        int plain = statistics.catalog().get("routes_plain").recorder().id;
        long outer = Timing.push(tagged);
        long start = System.nanoTime() - 4_000_000L;
        long inner = Timing.push(plain);
        Timing.exitNested(plain, System.nanoTime() - 1_000_000L, null, inner);
        Timing.exitTagged(tagged, start, null, "TEST-001", outer);
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        for (OperationCatalog.Operation operation : statistics.catalog().all()) {
            expected.put(operation.name(), routes.view(operation));
        }
        // parsed back from Jackson's text, so that both sides' numbers are typed as a parser types them
        JsonNode byJackson = HttpReply.MAPPER.readTree(HttpReply.MAPPER.writeValueAsString(expected));
        JsonNode streamed = json(get("/metrics"));
        for (String name : List.of("routes_tagged", "routes_plain")) {
            com.fasterxml.jackson.databind.node.ObjectNode mine = (com.fasterxml.jackson.databind.node.ObjectNode) streamed.get(name).deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode theirs = (com.fasterxml.jackson.databind.node.ObjectNode) byJackson.get(name).deepCopy();
            // read a moment apart: the time-dependent figures differ, everything else must not
            for (com.fasterxml.jackson.databind.node.ObjectNode node : List.of(mine, theirs,
                    (com.fasterxml.jackson.databind.node.ObjectNode) mine.get("window"),
                    (com.fasterxml.jackson.databind.node.ObjectNode) theirs.get("window"))) {
                node.remove(List.of("calls_per_second", "period_seconds"));
            }
            assertEquals(iterable(theirs.fieldNames()), iterable(mine.fieldNames()), name);
            assertEquals(iterable(theirs.get("window").fieldNames()), iterable(mine.get("window").fieldNames()), name);
            assertEquals(theirs, mine, name);
        }
        assertEquals("boom", streamed.get("routes_tagged").get("last_error").get("message").asText());
        assertEquals("routes_plain", streamed.get("routes_tagged").get("breakdown").get("children").get(0)
                .get("operation").asText());
        assertFalse(streamed.get("routes_plain").has("breakdown"), "nothing ran inside routes_plain");
    }

    @Test
    void metricsIsJsonKeyedByOperationWithTheContractFields() throws Exception {
        JsonNode all = json(get("/metrics"));
        assertEquals(List.of("routes_tagged", "routes_plain"), iterable(all.fieldNames()));
        JsonNode tagged = all.get("routes_tagged");
        for (String field : List.of("operation", "total_calls", "successful_calls", "failed_calls", "avg_duration_ms",
                "max_duration_ms", "min_duration_ms", "success_rate", "p50_ms", "p95_ms", "p99_ms", "stddev_ms",
                "calls_per_second", "period_seconds", "last_error", "matched", "window")) {
            assertTrue(tagged.has(field), field + " in " + tagged);
        }
        assertEquals(4, tagged.get("total_calls").asLong());
        assertEquals(75.0, tagged.get("success_rate").asDouble());
        assertEquals("boom", tagged.get("last_error").get("message").asText());
        assertEquals(4, tagged.get("window").get("total_calls").asLong());
        JsonNode plain = all.get("routes_plain");
        assertEquals(0, plain.get("total_calls").asLong());
        assertEquals(0.0, plain.get("success_rate").asDouble());
        assertFalse(plain.has("error"));
    }

    @Test
    void oneOperationOrA404() throws Exception {
        assertEquals("routes_plain", json(get("/metrics/routes_plain")).get("operation").asText());
        HttpReply unknown = get("/metrics/nope");
        assertEquals(404, unknown.status());
        JsonNode error = json(unknown);
        assertEquals("unknown operation 'nope'", error.get("error").asText());
        assertEquals(404, error.get("status").asInt());
    }

    @Test
    void prometheusTextWhenAskedFor() {
        HttpReply byParameter = call("GET", "/metrics", Map.of("format", "prometheus"), Map.of());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", byParameter.contentType());
        assertTrue(byParameter.body().contains("perfweave_operation_calls_total{operation=\"routes_tagged\",outcome=\"failure\"} 1\n"));
        HttpReply byAccept = call("GET", "/metrics", Map.of(), Map.of("accept", "application/openmetrics-text; version=1.0.0"));
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", byAccept.contentType());
        assertTrue(byAccept.body().endsWith("# EOF\n"));
        HttpReply unknown = call("GET", "/metrics", Map.of("format", "xml"), Map.of());
        assertEquals(400, unknown.status());
    }

    @Test
    void reportGathersOneTagValueAcrossOperations() throws Exception {
        JsonNode report = json(get("/report/project_id/TEST-001"));
        assertEquals("TEST-001", report.get("project_id").asText());
        assertEquals(3, report.get("total_calls").asLong());
        assertEquals(3, report.get("component_metrics").get("routes_tagged").get("successful_calls").asLong());
        assertFalse(report.get("component_metrics").has("routes_plain"), "routes_plain carries no project_id");
        JsonNode unseen = json(get("/report/project_id/NEVER"));
        assertEquals(0, unseen.get("component_metrics").get("routes_tagged").get("total_calls").asLong());
        assertEquals(404, get("/report/customer/ACME").status());
        assertEquals(404, get("/report/project_id").status());
    }

    @Test
    void resetClearsAndOnlyByPost() throws Exception {
        Statistics own = new Statistics(new OperationCatalog(new ConfigLoader().parse(
                "operations:\n  - name: routes_reset\n    class: x.Y\n    method: m\n", "reset.yaml")));
        MetricsRoutes ownRoutes = new MetricsRoutes(own);
        Timing.exit(own.catalog().get("routes_reset").recorder().id, System.nanoTime() - 1000, null);
        HttpReply wrong = ownRoutes.handle(new HttpRequest("GET", "/reset", Map.of(), Map.of()));
        assertEquals(405, wrong.status());
        assertEquals("POST", wrong.headers().get("Allow"));
        HttpReply reset = ownRoutes.handle(new HttpRequest("POST", "/reset", Map.of(), Map.of()));
        assertEquals(200, reset.status());
        JsonNode after = HttpReply.MAPPER.readTree(ownRoutes.handle(new HttpRequest("GET", "/metrics/routes_reset", Map.of(), Map.of())).body());
        assertEquals(0, after.get("total_calls").asLong());
    }

    @Test
    void unknownPathsAre404AndWrongMethodsOnKnownPaths405() throws Exception {
        assertEquals(404, get("/nothing").status());
        assertEquals(404, call("DELETE", "/nothing", Map.of(), Map.of()).status());
        HttpReply delete = call("DELETE", "/metrics", Map.of(), Map.of());
        assertEquals(405, delete.status());
        assertEquals("GET, HEAD", delete.headers().get("Allow"));
        assertEquals(405, json(delete).get("status").asInt());
        // the endpoints of the judge and the resource monitor are not part of this agent yet
        assertEquals(404, get("/thresholds").status());
        assertEquals(404, get("/resources").status());
        assertEquals(404, get("/recommendations").status());
    }

    @Test
    void healthListsWhatThisAgentServes() throws Exception {
        MetricsRoutes extended = new MetricsRoutes(statistics).withEndpoint("/resources", request -> Map.of("threads", 3));
        JsonNode health = HttpReply.MAPPER.readTree(extended.handle(new HttpRequest("GET", "/health", Map.of(), Map.of())).body());
        assertEquals("UP", health.get("status").asText());
        assertTrue(iterable(health.get("endpoints").elements()).stream().anyMatch(e -> e.asText().equals("/resources")));
        assertEquals(3, HttpReply.MAPPER.readTree(extended.handle(new HttpRequest("GET", "/resources", Map.of(), Map.of())).body())
                .get("threads").asInt());
    }

    @Test
    void theDashboardIsPublicAndSelfContained() {
        HttpReply page = get("/");
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(routes.isPublic("/") && routes.isPublic("/dashboard.js") && routes.isPublic("/dashboard.css"));
        assertFalse(routes.isPublic("/metrics"));
        assertTrue(page.headers().get("Content-Security-Policy").contains("default-src 'none'"));
        for (String asset : List.of("/", "/dashboard.js", "/dashboard.css")) {
            String body = get(asset).body();
            assertFalse(body.matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"), asset + " refers to another host");
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
