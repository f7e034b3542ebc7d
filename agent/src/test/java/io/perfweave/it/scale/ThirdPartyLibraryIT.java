package io.perfweave.it.scale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.scale.LibraryWorkloadApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every method of a real library woven: a jackson-databind workload prints the same output and
 * exits the same with {@code com.fasterxml.jackson.**} timed as without the agent, and the agent
 * saw hundreds of Jackson's methods called.
 */
class ThirdPartyLibraryIT {
    private static final String APP = LibraryWorkloadApp.class.getName();
    private static final String ORDERS = "2000";
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: '{class}.{method}'",
            "    class: 'com.fasterxml.jackson.**'",
            "    method: '*'",
            "");

    @Test
    void wovenJacksonBehavesAsPlainJackson() throws Exception {
        List<String> classPath = jacksonJars();
        List<String> jvmOptions = List.of("-Xmx256m");

        List<String> expected;
        int expectedExit;
        try (ForkedJvm plain = ForkedJvm.start(null, null, classPath, jvmOptions, APP, ORDERS, "wait")) {
            plain.awaitStdout("ready", Duration.ofMinutes(2));
            plain.send("exit");
            expectedExit = plain.awaitExit(Duration.ofMinutes(1));
            expected = plain.stdout();
        }
        assertEquals(0, expectedExit, String.join("\n", expected));
        assertTrue(expected.stream().anyMatch(line -> line.contains("roundtrip_mismatches=0")), expected.toString());

        try (ForkedJvm woven = ForkedJvm.start(CONFIG, "port=0", classPath, jvmOptions, APP, ORDERS, "wait")) {
            woven.awaitStdout("ready", Duration.ofMinutes(10));
            JsonNode all = ScaleSupport.getJson(woven, "/metrics");
            int called = 0;
            for (Map.Entry<String, JsonNode> operation : all.properties()) {
                if (operation.getKey().startsWith("com.fasterxml.jackson.")
                        && operation.getValue().path("total_calls").asLong() > 0) {
                    called++;
                }
            }
            System.out.println("[third-party library] " + all.size() + " operations, " + called + " of them called");
            assertTrue(called > 100, "only " + called + " Jackson operations with calls, of " + all.size());
            assertEquals(0, woven.getJson("/health").path("advice_failures").asLong());

            woven.send("exit");
            int exit = woven.awaitExit(Duration.ofMinutes(1));
            assertEquals(expected, woven.stdout(), "stderr:\n" + String.join("\n", woven.stderr()));
            assertEquals(expectedExit, exit);
        }
    }

    /** jackson-databind and what it needs, from this test's own class path (the agent module's dependencies). */
    private static List<String> jacksonJars() throws Exception {
        return List.of(jarOf(ObjectMapper.class), jarOf(JsonFactory.class), jarOf(JsonProperty.class));
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
