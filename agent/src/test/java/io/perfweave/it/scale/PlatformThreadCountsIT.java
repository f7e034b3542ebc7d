package io.perfweave.it.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.scale.PlatformThreadsApp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Eight platform threads calling a timed method at once, every seventh call failing: the exact
 * counts the threads saw, in the JSON summary and in the Prometheus
 * {@code perfweave_operation_calls_total} counter by outcome.
 */
class PlatformThreadCountsIT {
    private static final int CALLS_PER_THREAD = 250_000;
    private static final String OPERATION = "platform_call";
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: " + OPERATION,
            "    class: " + PlatformThreadsApp.Work.class.getName(),
            "    method: call",
            "");

    @Test
    void eightPlatformThreadsCountExactlyInJsonAndPrometheus() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, "port=0", List.of(), List.of(),
                PlatformThreadsApp.class.getName(), String.valueOf(CALLS_PER_THREAD))) {
            Map<String, Long> seen = ScaleSupport.counts(jvm.awaitStdout("done calls=", Duration.ofMinutes(5)));
            long calls = seen.get("calls");
            long failures = seen.get("failures");
            assertEquals((long) PlatformThreadsApp.THREADS * CALLS_PER_THREAD, calls, "the app's own count");
            assertEquals((long) PlatformThreadsApp.THREADS * (CALLS_PER_THREAD / 7), failures, "the app's own count");

            JsonNode metrics = ScaleSupport.awaitJson(jvm, "/metrics/" + OPERATION,
                    m -> m.path("total_calls").asLong() >= calls, Duration.ofMinutes(1));
            assertEquals(calls, metrics.path("total_calls").asLong(), metrics.toString());
            assertEquals(failures, metrics.path("failed_calls").asLong(), metrics.toString());
            assertEquals(calls - failures, metrics.path("successful_calls").asLong(), metrics.toString());

            HttpResponse<String> scrape = ScaleSupport.get(jvm, "/metrics?format=prometheus");
            Map<String, Double> counters = ScaleSupport.samples(scrape.body(), "perfweave_operation_calls_total");
            String context = ScaleSupport.abbreviate(scrape.body());
            assertEquals((double) (calls - failures), counters.get(ScaleSupport.callsLabels(OPERATION, "success")), context);
            assertEquals((double) failures, counters.get(ScaleSupport.callsLabels(OPERATION, "failure")), context);
            assertEquals(0, jvm.getJson("/health").path("advice_failures").asLong());
        }
    }
}
