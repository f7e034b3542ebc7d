package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.HostBehaviourApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config with errors: one clear log line naming the place, and the host runs on unmeasured. */
class BadConfigIT {
    private static final String APP = HostBehaviourApp.class.getName();

    @Test
    void aConfigWithAnErrorLeavesTheHostRunning() throws Exception {
        List<String> expected;
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(), List.of(), APP)) {
            assertEquals(0, plain.awaitExit(Duration.ofSeconds(60)));
            expected = plain.stdout();
        }
        String config = "operations:\n  - name: a\n    class: " + APP + "\n    methd: intValue\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, APP)) {
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(60)));
            assertEquals(expected, jvm.stdout());
            List<String> log = jvm.agentLog();
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("config rejected"), log.get(0));
            assertTrue(log.get(0).matches(".*perfweave-it-.*\\.yaml:4:5: unknown key 'methd' in operations\\[0\\].*"), log.get(0));
        }
    }

    @Test
    void failOnErrorStopsTheJvmInsteadOfRunningUnmeasured() throws Exception {
        String config = "fail_on_error: true\noperations:\n  - name: a\n    class: " + APP + "\n    methd: intValue\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, APP)) {
            int status = jvm.awaitExit(Duration.ofSeconds(60));
            assertTrue(status != 0, "exit status " + status);
            assertTrue(jvm.stdout().isEmpty(), "the application must not have run: " + jvm.stdout());
            assertTrue(jvm.agentLog().get(0).contains("sets fail_on_error, so the JVM stops"), jvm.agentLog().toString());
        }
    }

    @Test
    void aSelectorThatMatchesNothingIsReported() throws Exception {
        String config = "operations:\n  - name: typo\n    class: " + APP + "Typo\n    method: intValue\n"
                + "  - name: found\n    class: " + APP + "\n    method: intValue\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, "port=0", List.of(), List.of("-Dperfweave.unmatchedReportSeconds=1"),
                APP, "wait")) {
            jvm.awaitStdout("ready", Duration.ofSeconds(60));
            assertEquals(0, jvm.getJson("/metrics/typo").path("matched").asInt());
            assertEquals(1, jvm.getJson("/metrics/found").path("matched").asInt());
            String line = jvm.awaitStderr("has matched no method", Duration.ofSeconds(30));
            assertTrue(line.contains("'typo'") && line.contains(APP + "Typo"), line);
            assertTrue(jvm.agentLog().stream().noneMatch(l -> l.contains("'found' has matched no method")), jvm.agentLog().toString());
        }
    }

    @Test
    void aRuleWhoseClassLoadsLateIsReportedWhileItMatchesNothingAndWithdrawnOnceItDoes() throws Exception {
        String app = io.perfweave.it.apps.OnDemandApp.class.getName();
        String config = "operations:\n  - name: late\n    class: " + app + "$Late\n    method: run\n"
                + "  - name: work\n    class: " + app + "\n    method: work\n";
        try (ForkedJvm jvm = ForkedJvm.start(config, "port=0", List.of(), List.of("-Dperfweave.unmatchedReportSeconds=1"),
                app)) {
            jvm.awaitStdout("ready", Duration.ofSeconds(60));
            String reported = jvm.awaitStderr("'late' has matched no method yet", Duration.ofSeconds(60));
            assertTrue(reported.contains(app + "$Late"), reported);
            assertTrue(jvm.agentLog().stream().noneMatch(l -> l.contains("'work' has matched no method")), jvm.agentLog().toString());
            assertEquals(0, jvm.getJson("/metrics/late").path("matched").asInt());

            jvm.send("load"); // the class loads now, as a service loads one late in its start
            jvm.awaitStdout("loaded", Duration.ofSeconds(30));
            jvm.awaitStderr("'late' matches now", Duration.ofSeconds(60));
            JsonNode late = jvm.getJson("/metrics/late");
            assertEquals(1, late.path("matched").asInt(), late.toString());
            assertEquals(1, late.path("total_calls").asLong(), late.toString());
        }
    }

    @Test
    void badAgentArgumentsAreOneClearLine() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start("operations: []\n", "colour=blue", List.of(), List.of(), APP)) {
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(60)));
            List<String> log = jvm.agentLog();
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("unknown agent argument 'colour'"), log.get(0));
        }
    }

    @Test
    void checkCommandValidatesConfigs() throws Exception {
        Path good = Files.createTempFile("perfweave-good-", ".yaml");
        Files.writeString(good, "operations:\n  - name: a\n    class: x.Y\n    method: m\n");
        Path bad = Files.createTempFile("perfweave-bad-", ".yaml");
        Files.writeString(bad, "operations:\n  - name: a\n    class: x.Y\n    method: m\n    async: maybe\n");
        assertEquals(0, check(good, "valid; 1 operation rule(s)"));
        assertEquals(1, check(bad, bad + ":5:12:"));
    }

    private static int check(Path config, String expectedOutput) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(ForkedJvm.JAVA_HOME, "bin", "java").toString(),
                "-jar", ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "check", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int status = process.waitFor();
        assertTrue(output.contains(expectedOutput), output);
        return status;
    }
}
