package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.CountingApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** N threads x M calls gives exactly N*M, with failures exact too, and no advice failures. */
class ExactCountsIT {
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: work",
            "    class: " + CountingApp.class.getName(),
            "    method: work",
            "");

    @Test
    void eightThreadsCountExactly() throws Exception {
        int threads = 8;
        int calls = 200_000;
        int failEvery = 7;
        try (ForkedJvm jvm = ForkedJvm.start(CONFIG, CountingApp.class.getName(),
                String.valueOf(threads), String.valueOf(calls), String.valueOf(failEvery))) {
            String done = jvm.awaitStdout("done", Duration.ofSeconds(60));
            long expectedFailures = (long) threads * (calls / failEvery);
            assertEquals("failures=" + expectedFailures, done.split(" ")[2]);
            JsonNode work = jvm.getJson("/metrics/work");
            assertEquals((long) threads * calls, work.path("total_calls").asLong(), work.toString());
            assertEquals(expectedFailures, work.path("failed_calls").asLong());
            assertEquals((long) threads * calls - expectedFailures, work.path("successful_calls").asLong());
            assertEquals(0, jvm.getJson("/health").path("advice_failures").asLong());
        }
    }
}
