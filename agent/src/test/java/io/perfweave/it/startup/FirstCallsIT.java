package io.perfweave.it.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.StartupApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No selected method runs unmeasured at start: the application's main class loads the moment
 * {@code premain} returns, and its first calls come while the weaver is still getting ready on its
 * own thread; every one of them is counted, run after run.
 */
class FirstCallsIT {
    @Test
    void theMainMethodAndTheFirstCallItMakesAreMeasuredEveryRun(@TempDir Path dir) throws Exception {
        for (int run = 1; run <= 3; run++) {
            Path report = dir.resolve("run-" + run + ".json");
            String config = String.join("\n",
                    "report_on_exit: " + report,
                    "server: {enabled: false}",
                    "operations:",
                    "  - name: main",
                    "    class: " + StartupApp.class.getName(),
                    "    method: main",
                    "  - name: answer",
                    "    class: " + StartupApp.class.getName() + "$Service",
                    "    method: answer",
                    "");
            try (ForkedJvm jvm = ForkedJvm.start(config, StartupApp.class.getName())) {
                assertEquals(0, jvm.awaitExit(Duration.ofSeconds(60)), String.join("\n", jvm.stderr()));
            }
            JsonNode metrics = new ObjectMapper().readTree(Files.readString(report));
            assertEquals(1, metrics.get("main").get("total_calls").asLong(), "run " + run + ": " + metrics);
            assertEquals(1, metrics.get("answer").get("total_calls").asLong(), "run " + run + ": " + metrics);
        }
    }
}
