package io.perfweave.it.breakdown;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.breakdown.NestedCallsApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breakdown of real woven calls in a forked JVM, held against the proportions the application
 * measured itself: nested calls on many threads, a recursive operation, and an asynchronous call
 * whose future another thread completes.
 */
class BreakdownIT {
    private static final String APP = NestedCallsApp.class.getName();
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - {name: pipeline, class: " + APP + ", method: pipeline}",
            "  - {name: parse, class: " + APP + ", method: parse}",
            "  - {name: analyze, class: " + APP + ", method: analyze}",
            "  - {name: walk, class: " + APP + ", method: walk}",
            "  - {name: visit, class: " + APP + ", method: visit}",
            "  - {name: gather, class: " + APP + ", method: gather}",
            "  - {name: fetch, class: " + APP + ", method: fetch, async: true}",
            "");
    private static ForkedJvm jvm;
    private static int commands;

    @BeforeAll
    static void start() throws Exception {
        jvm = ForkedJvm.start(CONFIG, "port=0", List.of(), List.of(), APP);
        jvm.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        jvm.close();
    }

    /** Runs a command; answers the application's own counters, in nanoseconds. */
    private static synchronized Map<String, Long> command(String text) throws Exception {
        jvm.send(text);
        String line = jvm.awaitStdout("done " + ++commands + " ", Duration.ofSeconds(120));
        Map<String, Long> measured = new HashMap<>();
        for (String word : line.substring(line.indexOf(' ', 5) + 1).split(" ")) {
            String[] pair = word.split("=");
            measured.put(pair[0], Long.parseLong(pair[1]));
        }
        return measured;
    }

    private static Map<String, JsonNode> children(JsonNode breakdown) {
        Map<String, JsonNode> byName = new HashMap<>();
        breakdown.get("children").forEach(child -> byName.put(child.get("operation").asText(), child));
        return byName;
    }

    private static double sum(JsonNode breakdown) {
        double sum = breakdown.get("self_percent").asDouble();
        for (JsonNode child : breakdown.get("children")) {
            sum += child.get("share_percent").asDouble();
        }
        return sum;
    }

    @Test
    void nestedCallsOnManyThreadsGetTheSharesTheApplicationMeasured() throws Exception {
        Map<String, Long> measured = command("pipeline 10 8");
        JsonNode pipeline = jvm.getJson("/metrics/pipeline");
        assertEquals(80, pipeline.get("total_calls").asLong(), pipeline.toString());
        JsonNode breakdown = pipeline.get("breakdown");
        Map<String, JsonNode> children = children(breakdown);
        assertEquals(2, children.size(), breakdown.toString());
        double parse = 100.0 * measured.get("parse") / measured.get("pipeline");
        double analyze = 100.0 * measured.get("analyze") / measured.get("pipeline");
        assertEquals(parse, children.get("parse").get("share_percent").asDouble(), 2.0, breakdown.toString());
        assertEquals(analyze, children.get("analyze").get("share_percent").asDouble(), 2.0, breakdown.toString());
        assertEquals(100 - parse - analyze, breakdown.get("self_percent").asDouble(), 2.0, breakdown.toString());
        assertEquals(100.0, sum(breakdown), 0.05, "shares and self time add up: " + breakdown);
        assertEquals(1.0, children.get("parse").get("calls_per_call").asDouble(), breakdown.toString());
        assertEquals(measured.get("parse") / 80 / 1e6, children.get("parse").get("avg_ms").asDouble(), 1.0);
        assertFalse(jvm.getJson("/metrics/parse").has("breakdown"), "nothing timed runs inside parse");

        String prometheus = jvm.http("GET", "/metrics?format=prometheus").body();
        assertTrue(prometheus.contains("perfweave_operation_child_calls_total{operation=\"pipeline\",child=\"parse\"} 80"),
                prometheus);
        assertTrue(prometheus.contains("perfweave_operation_child_seconds_total{operation=\"pipeline\",child=\"analyze\"}"),
                prometheus);
        assertTrue(prometheus.contains("perfweave_operation_time_seconds_total{operation=\"pipeline\"}"), prometheus);
    }

    @Test
    void aRecursiveOperationIsNotCountedTwice() throws Exception {
        Map<String, Long> measured = command("walk 4");
        JsonNode walk = jvm.getJson("/metrics/walk");
        assertEquals(20, walk.get("total_calls").asLong(), "every level is a call: " + walk);
        JsonNode breakdown = walk.get("breakdown");
        Map<String, JsonNode> children = children(breakdown);
        assertEquals(List.of("visit"), List.copyOf(children.keySet()), "walk inside walk is no child: " + breakdown);
        assertEquals(5.0, children.get("visit").get("calls_per_call").asDouble(), "per outermost walk: " + breakdown);
        double visit = 100.0 * measured.get("visit") / measured.get("walk");
        assertEquals(visit, children.get("visit").get("share_percent").asDouble(), 2.0, breakdown.toString());
        assertEquals(100.0, sum(breakdown), 0.05, breakdown.toString());
    }

    @Test
    void anAsynchronousCallCountsInTheCallThatMadeIt() throws Exception {
        Map<String, Long> measured = command("gather 5");
        JsonNode breakdown = jvm.getJson("/metrics/gather").get("breakdown");
        Map<String, JsonNode> children = children(breakdown);
        JsonNode fetch = jvm.getJson("/metrics/fetch");
        assertEquals(5, fetch.get("total_calls").asLong(), fetch.toString());
        // fetch lasts until its future completes on the completer thread: about 40 of gather's 50 ms
        double fetchShare = 100.0 * 5 * fetch.get("avg_duration_ms").asDouble() * 1e6 / measured.get("gather");
        assertEquals(fetchShare, children.get("fetch").get("share_percent").asDouble(), 2.0, breakdown.toString());
        assertTrue(children.get("fetch").get("share_percent").asDouble() > 60, breakdown.toString());
        assertEquals(1.0, children.get("fetch").get("calls_per_call").asDouble(), breakdown.toString());
    }
}
