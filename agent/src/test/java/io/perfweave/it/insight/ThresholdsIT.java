package io.perfweave.it.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.apps.insight.InsightApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thresholds of a forked JVM: calls of known durations cross a level, which {@code /thresholds}
 * shows, the log tells once as a JSON line, {@code /recommendations} answers with the configured
 * text, and a Flight Recorder recording of the JVM holds as events (read back with {@code jfr print}).
 */
class ThresholdsIT {
    private static final String SLOW_LOOKUPS = "Lookups are slow - cache the project index";
    private static final String CONFIG = String.join("\n",
            "jfr: true",
            "operations:",
            "  - name: lookup",
            "    class: " + InsightApp.class.getName(),
            "    method: lookup",
            "    tags:",
            "      project_id: arg0",
            "    thresholds:",
            "      over: since_start",
            "      avg_ms: {target: 50, critical: 200}",
            "      success_rate_min: {target: 90}",
            "      slow_call_ms: 300",
            "    recommendations:",
            "      avg_ms: " + SLOW_LOOKUPS,
            "");

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static List<String> levelChanges(InsightJvm app, String threshold) {
        return app.jvm.agentLog().stream().filter(line -> line.contains("\"event\":\"threshold_level_changed\"")
                && line.contains("\"threshold\":\"" + threshold + "\"")).toList();
    }

    @Test
    void aCrossingChangesTheLevelIsLoggedOnceRecommendedAndRecordedByFlightRecorder(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("thresholds.jfr");
        try (InsightJvm app = InsightJvm.start(CONFIG,
                List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"))) {
            app.command("call TEST-001 10 5");
            JsonNode within = app.await("/thresholds",
                    t -> t.path("operations").path("lookup").path("avg_ms").path("actual").asDouble() > 0, Duration.ofSeconds(10));
            JsonNode avg = within.get("operations").get("lookup").get("avg_ms");
            assertEquals("target", avg.get("level").asText(), within.toString());
            assertTrue(avg.get("met").asBoolean());
            assertEquals(50.0, avg.get("limit").asDouble());
            assertTrue(within.get("thresholds_met").asBoolean());
            assertEquals(List.of("Performance within acceptable thresholds"), texts(app.json("/recommendations")));

            app.command("call TEST-001 1500 1"); // one call takes the average to (5 x 10 + 1500) / 6, past 200
            app.jvm.awaitStderr("\"to\":\"critical\"", Duration.ofSeconds(10));
            JsonNode breached = app.json("/thresholds");
            JsonNode critical = breached.get("operations").get("lookup").get("avg_ms");
            assertEquals("critical", critical.get("level").asText(), breached.toString());
            assertFalse(critical.get("met").asBoolean());
            assertTrue(critical.get("actual").asDouble() > 200, critical.toString());
            assertFalse(breached.get("thresholds_met").asBoolean());
            assertEquals(List.of(SLOW_LOOKUPS), texts(app.json("/recommendations")));

            // more samples and more requests judge it again: still one line for the one crossing
            for (int i = 0; i < 5; i++) {
                app.json("/thresholds");
                Thread.sleep(500);
            }
            List<String> lines = levelChanges(app, "avg_ms");
            assertEquals(1, lines.size(), lines.toString());
            JsonNode line = new ObjectMapper().readTree(lines.get(0).substring("[perfweave] ".length()));
            assertEquals("lookup", line.get("operation").asText());
            assertEquals("target", line.get("from").asText());
            assertEquals("critical", line.get("to").asText());

            app.command("fail TEST-001 2"); // 6 of 8 calls succeeded: 75 %, below 90
            JsonNode failing = app.await("/thresholds",
                    t -> t.path("operations").path("lookup").path("success_rate_min").path("level").asText().equals("off_target"),
                    Duration.ofSeconds(10));
            assertEquals(75.0, failing.get("operations").get("lookup").get("success_rate_min").get("actual").asDouble(), 1e-9);
            assertEquals(List.of(SLOW_LOOKUPS,
                            "lookup has low success rate (75 %, below 90 %, off_target) - investigate error handling"),
                    texts(app.json("/recommendations")));
            app.jvm.awaitStderr("\"threshold\":\"success_rate_min\"", Duration.ofSeconds(10));
            app.nextResources(); // a judgement after the last change runs after each sample: the slow-call check's

            app.jvm.send("exit");
            assertEquals(0, app.jvm.awaitExit(Duration.ofSeconds(30)));
        }

        String changes = jfrPrint(recording, "perfweave.ThresholdLevelChange");
        assertTrue(changes.contains("threshold = \"avg_ms\""), changes);
        assertTrue(changes.contains("to = \"critical\""), changes);
        assertTrue(changes.contains("threshold = \"success_rate_min\""), changes);
        String slow = jfrPrint(recording, "perfweave.SlowCalls");
        assertTrue(slow.contains("operation = \"lookup\""), slow);
        Matcher calls = Pattern.compile("\\bcalls = (\\d+)").matcher(slow);
        long slowCalls = 0;
        while (calls.find()) {
            slowCalls += Long.parseLong(calls.group(1));
        }
        assertEquals(1, slowCalls, "the one call over 300 ms: " + slow);
    }

    /** The events of one type in a recording, as the JDK's {@code jfr} tool prints them. */
    private static String jfrPrint(Path recording, String event) throws Exception {
        Path jfr = Path.of(System.getProperty("perfweave.itJavaHome", System.getProperty("java.home")), "bin", "jfr");
        Process process = new ProcessBuilder(jfr.toString(), "print", "--events", event, recording.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jfr print did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
