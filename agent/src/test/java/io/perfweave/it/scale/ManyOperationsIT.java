package io.perfweave.it.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.scale.ManyOperationsApp;
import io.perfweave.it.apps.scale.OperationClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 distinct operations (one rule over 100 generated classes of 100 methods) in a JVM with
 * a 128 MB heap: every operation is reported with its one call, the JVM stays up through an idle
 * spell and four full scrapes, and nothing runs out of memory.
 */
class ManyOperationsIT {
    private static final int OPERATIONS = 10_000;
    private static final String PREFIX = OperationClasses.PACKAGE + ".";
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: '{class}.{method}'",
            "    class: '" + OperationClasses.PACKAGE + ".**'",
            "    method: '*'",
            "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tenThousandOperationsInA128MegabyteHeap(@TempDir Path dir) throws Exception {
        Path classes = OperationClasses.compile(dir, OPERATIONS);
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, "port=0", List.of(classes.toString()), List.of("-Xmx128m"),
                ManyOperationsApp.class.getName(), String.valueOf(OPERATIONS))) {
            String called = jvm.awaitStdout("called", Duration.ofMinutes(5));
            assertEquals(OPERATIONS, ScaleSupport.counts(called).get("operations"), called);
            ScaleSupport.awaitJson(jvm, "/metrics", all -> problems(all).isEmpty(), Duration.ofMinutes(3));

            // an idle spell with the light traffic of a health check: the agent's own periodic
            // work (windows, folding, resource sampling) goes on meanwhile
            for (int i = 0; i < 5; i++) {
                ScaleSupport.get(jvm, "/health");
                Thread.sleep(1000);
            }

            for (int scrape = 1; scrape <= 2; scrape++) {
                long start = System.nanoTime();
                HttpResponse<String> json = ScaleSupport.get(jvm, "/metrics");
                long jsonMillis = (System.nanoTime() - start) / 1_000_000;
                List<String> jsonProblems = problems(JSON.readTree(json.body()));
                assertTrue(jsonProblems.isEmpty(), "JSON scrape " + scrape + ": " + summary(jsonProblems));

                start = System.nanoTime();
                HttpResponse<String> text = ScaleSupport.get(jvm, "/metrics?format=prometheus");
                long textMillis = (System.nanoTime() - start) / 1_000_000;
                List<String> textProblems = prometheusProblems(text.body());
                assertTrue(textProblems.isEmpty(), "Prometheus scrape " + scrape + ": " + summary(textProblems));
                System.out.printf("[many operations] scrape %d: JSON %d ms %d chars, Prometheus %d ms %d chars%n",
                        scrape, jsonMillis, json.body().length(), textMillis, text.body().length());
            }

            assertTrue(ScaleSupport.isAlive(jvm), "the JVM ended:\n" + String.join("\n", jvm.stderr()));
            assertFalse(Stream.concat(jvm.stdout().stream(), jvm.stderr().stream())
                    .anyMatch(line -> line.contains("OutOfMemoryError")), String.join("\n", jvm.stderr()));
        }
    }

    /** What keeps a JSON answer from being complete: missing operations, counts other than one call. */
    private static List<String> problems(JsonNode all) {
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> entry : all.properties()) {
            if (entry.getKey().startsWith(PREFIX)) {
                operations++;
                long calls = entry.getValue().path("total_calls").asLong(-1);
                if (calls != 1) {
                    problems.add(entry.getKey() + " total_calls=" + calls);
                }
            }
        }
        if (operations != OPERATIONS) {
            problems.add(0, operations + " operations instead of " + OPERATIONS);
        }
        return problems;
    }

    /** The same for the Prometheus text: one success and no failure for each operation. */
    private static List<String> prometheusProblems(String exposition) {
        List<String> problems = new ArrayList<>();
        Map<String, Double> calls = ScaleSupport.samples(exposition, "perfweave_operation_calls_total");
        int operations = 0;
        for (int c = 0; c < OperationClasses.classCount(OPERATIONS); c++) {
            for (int m = 0; m < OperationClasses.methodCount(OPERATIONS, c); m++) {
                String name = OperationClasses.operationName(c, m);
                Double success = calls.get(ScaleSupport.callsLabels(name, "success"));
                Double failure = calls.get(ScaleSupport.callsLabels(name, "failure"));
                if (success == null || success != 1 || failure == null || failure != 0) {
                    problems.add(name + " success=" + success + " failure=" + failure);
                } else {
                    operations++;
                }
            }
        }
        long listed = calls.keySet().stream().filter(labels -> labels.startsWith("operation=\"" + PREFIX)).count();
        if (listed != 2L * OPERATIONS) {
            problems.add(0, listed + " samples of generated operations instead of " + 2 * OPERATIONS);
        }
        if (operations != OPERATIONS) {
            problems.add(0, operations + " complete operations of " + OPERATIONS);
        }
        return problems;
    }

    private static String summary(List<String> problems) {
        return problems.size() + " problem(s), first: " + problems.subList(0, Math.min(5, problems.size()));
    }
}
