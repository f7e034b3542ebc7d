package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.apps.CountingApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report_on_exit}: a program that ends leaves every operation's summary in a file. */
class ReportOnExitIT {
    @Test
    void aJvmThatExitsWritesTheMetricsJsonToTheFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("reports/run.json");
        String config = String.join("\n",
                "report_on_exit: " + report,
                "operations:",
                "  - name: work",
                "    class: " + CountingApp.class.getName(),
                "    method: work",
                "");
        try (ForkedJvm jvm = ForkedJvm.start(config, CountingApp.class.getName(), "2", "500", "10")) {
            jvm.awaitStdout("ready", Duration.ofSeconds(30));
            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(30)), String.join("\n", jvm.stderr()));
            assertTrue(jvm.stderr().stream().anyMatch(line -> line.contains("report_on_exit: wrote 1 operation(s) to " + report)),
                    String.join("\n", jvm.stderr()));
        }
        JsonNode work = new ObjectMapper().readTree(Files.readString(report)).get("work");
        assertEquals(1000, work.get("total_calls").asLong(), work.toString());
        assertEquals(100, work.get("failed_calls").asLong());
        assertEquals(1, work.get("matched").asInt());
        assertEquals("java.lang.IllegalArgumentException", work.get("last_error").get("type").asText());
        try (var files = Files.list(report.getParent())) {
            assertEquals(1, files.count(), "no partial file is left beside the report");
        }
    }
}
