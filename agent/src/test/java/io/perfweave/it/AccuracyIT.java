package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.it.apps.SpinApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Methods that take a known time (1, 10, 50 ms) are reported with p50 and mean within 2 % of the
 * time measured inside them, and p99 within the histogram's precision of the inside p99 (taken
 * as the band of ranks p99 +- 3, see {@link SpinApp}).
 */
class AccuracyIT {
    /** Clock reads and advice between the inside and the outside measurement: generous, at 1 ms it is 0.5 %. */
    private static final double OUTSIDE_MARGIN_NANOS = 5_000;

    @Test
    void knownDurationsAreReportedAccurately() throws Exception {
        String config = "operations:\n  - name: '{method}'\n    class: " + SpinApp.class.getName() + "\n    method: 'spin?*'\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, SpinApp.class.getName())) {
            jvm.awaitStdout("warmed up", Duration.ofSeconds(60));
            assertEquals(200, jvm.http("POST", "/reset").statusCode());
            jvm.send("go");
            jvm.awaitStdout("ready", Duration.ofSeconds(60));
            Map<String, double[]> inside = new HashMap<>();
            for (String line : jvm.stdout()) {
                if (line.startsWith("spin")) {
                    String[] parts = line.split(" ");
                    inside.put(parts[0], new double[] {value(parts[1]), value(parts[2]), value(parts[3]), value(parts[4])});
                }
            }
            assertEquals(3, inside.size(), jvm.stdout().toString());
            for (Map.Entry<String, double[]> entry : inside.entrySet()) {
                JsonNode metrics = jvm.getJson("/metrics/" + entry.getKey());
                double mean = entry.getValue()[0];
                double p50 = entry.getValue()[1];
                double p99Low = entry.getValue()[2];
                double p99High = entry.getValue()[3];
                double reportedMean = metrics.path("avg_duration_ms").asDouble() * 1e6;
                double reportedP50 = metrics.path("p50_ms").asDouble() * 1e6;
                double reportedP99 = metrics.path("p99_ms").asDouble() * 1e6;
                String context = entry.getKey() + " inside " + java.util.Arrays.toString(entry.getValue()) + " agent " + metrics;
                assertTrue(Math.abs(reportedMean - mean) <= 0.02 * mean, "mean: " + context);
                assertTrue(Math.abs(reportedP50 - p50) <= 0.02 * p50, "p50: " + context);
                double precision = DurationBuckets.RELATIVE_PRECISION;
                assertTrue(reportedP99 >= p99Low * (1 - precision) - OUTSIDE_MARGIN_NANOS
                        && reportedP99 <= p99High * (1 + precision) + OUTSIDE_MARGIN_NANOS, "p99: " + context);
            }
        }
    }

    private static double value(String keyValue) {
        return Double.parseDouble(keyValue.substring(keyValue.indexOf('=') + 1));
    }
}
