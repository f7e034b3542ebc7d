package io.perfweave.it.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.scale.VirtualThreadTasksApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 100,000 tasks, each on a virtual thread of its own, each calling a timed method once (every
 * tenth call throws): the agent counts exactly the calls and failures the tasks saw. Runs where
 * the forked JVMs are Java 21 or later (the pom's jdk25 profile); skipped on 17.
 */
class VirtualThreadCountsIT {
    private static final int TASKS = 100_000;
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: vt_call",
            "    class: " + VirtualThreadTasksApp.Work.class.getName(),
            "    method: call",
            "");

    @Test
    void everyVirtualThreadsCallAndFailureIsCounted() throws Exception {
        int java = ScaleSupport.forkedJavaFeature();
        assumeTrue(java >= 21, "virtual threads need Java 21; the forked JVMs run Java " + java);
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, "port=0", List.of(), List.of(),
                VirtualThreadTasksApp.class.getName(), String.valueOf(TASKS), "1")) {
            Map<String, Long> seen = ScaleSupport.counts(jvm.awaitStdout("done calls=", Duration.ofMinutes(10)));
            long calls = seen.get("calls");
            long failures = seen.get("failures");
            assertEquals(TASKS, calls, "the app's own count");
            assertEquals(TASKS / 10, failures, "the app's own count");

            // ended threads' figures may reach the totals a little later than the threads end
            JsonNode metrics = ScaleSupport.awaitJson(jvm, "/metrics/vt_call",
                    m -> m.path("total_calls").asLong() >= calls, Duration.ofMinutes(2));
            assertEquals(calls, metrics.path("total_calls").asLong(), metrics.toString());
            assertEquals(failures, metrics.path("failed_calls").asLong(), metrics.toString());
            assertEquals(calls - failures, metrics.path("successful_calls").asLong(), metrics.toString());
            assertEquals(0, jvm.getJson("/health").path("advice_failures").asLong());
        }
    }
}
