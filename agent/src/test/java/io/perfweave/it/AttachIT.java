package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.LoopingApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent loaded into a JVM that is already serving calls, with the command line; twice. */
class AttachIT {
    private static final String APP = LoopingApp.class.getName();

    @Test
    void attachingToARunningJvmCountsItsCallsAndASecondAttachReloads() throws Exception {
        Path config = Files.createTempFile("perfweave-attach-", ".yaml");
        Files.writeString(config, "server: {port: 0}\noperations:\n  - name: alpha\n    class: " + APP + "\n    method: alpha\n");
        try (ForkedJvm host = ForkedJvm.start(null, null, List.of(), List.of(), APP)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            long pid = host.pid();

            List<String> listed = cli("attach", "--list");
            assertTrue(listed.stream().anyMatch(line -> line.startsWith(pid + "\t") && line.contains(APP)), listed.toString());

            List<String> attached = cli("attach", String.valueOf(pid), config.toString());
            assertTrue(attached.get(0).startsWith("perfweave loaded into " + pid), attached.toString());
            long first = awaitCalls(host, "alpha", 1);
            long later = awaitCalls(host, "alpha", first + 1);
            assertTrue(later > first);

            Files.writeString(config, Files.readString(config) + "  - name: beta\n    class: " + APP + "\n    method: beta\n");
            cli("attach", String.valueOf(pid), config.toString());
            host.awaitStderr("agent already running in this JVM; reloading its config", Duration.ofSeconds(30));
            awaitCalls(host, "beta", 1);
            assertTrue(host.getJson("/metrics/alpha").path("total_calls").asLong() >= later, "alpha kept its count");
            long servers = host.agentLog().stream().filter(line -> line.contains("metrics on http://")).count();
            assertEquals(1, servers, "one agent, one port: " + host.agentLog());
        }
    }

    @Test
    void everyCallMadeAfterAttachReturnsIsCountedAndHealthSaysTheWeavingIsDone() throws Exception {
        String app = io.perfweave.it.apps.OnDemandApp.class.getName();
        Path config = Files.createTempFile("perfweave-attach-", ".yaml");
        Files.writeString(config, "server: {port: 0}\noperations:\n  - name: work\n    class: " + app + "\n    method: work\n");
        try (ForkedJvm host = ForkedJvm.start(null, null, List.of(), List.of(), app)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            List<String> attached = cli("attach", String.valueOf(host.pid()), config.toString());
            assertTrue(attached.get(0).contains(": ready: ") && attached.get(0).contains("1 method(s) measured for 1 rule(s)"),
                    attached.toString());
            host.send("call 1000"); // at once: nothing waits for the port or for a log line
            host.awaitStdout("called 1000", Duration.ofSeconds(30));
            JsonNode work = host.getJson("/metrics/work"); // waits for the port, which opens a moment after the attach
            assertEquals(1000, work.path("total_calls").asLong(), work.toString());
            JsonNode weaving = host.getJson("/health").path("weaving");
            assertEquals("ready", weaving.path("state").asText(), weaving.toString());
            assertTrue(weaving.path("classes_done").asInt() >= 1, weaving.toString());
            assertEquals(0, weaving.path("classes_pending").asInt(), weaving.toString());
        }
    }

    @Test
    void attachingToNoSuchProcessIsExplained() throws Exception {
        Path config = Files.createTempFile("perfweave-attach-", ".yaml");
        Files.writeString(config, "operations: []\n");
        Process process = new ProcessBuilder(java(), "-jar", ForkedJvm.AGENT_JAR.toAbsolutePath().toString(),
                "attach", "999999999", config.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(1, process.waitFor());
        assertTrue(output.contains("no JVM with pid 999999999 can be attached to"), output);
    }

    static long awaitCalls(ForkedJvm host, String operation, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode summary = host.http("GET", "/metrics/" + operation).statusCode() == 200
                    ? host.getJson("/metrics/" + operation) : null;
            long calls = summary == null ? 0 : summary.path("total_calls").asLong();
            if (calls >= atLeast) {
                return calls;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(operation + " has " + calls + " calls, expected at least " + atLeast
                        + "\n" + String.join("\n", host.agentLog()));
            }
            Thread.sleep(100);
        }
    }

    private static String java() {
        return Path.of(ForkedJvm.JAVA_HOME, "bin", "java").toString();
    }

    /** Runs the agent jar's command line, which must succeed; its output, line by line. */
    static List<String> cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", ForkedJvm.AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return List.of(output.split("\n"));
    }
}
