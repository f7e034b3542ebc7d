package io.perfweave.agent.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code profile: {slower_than_ms}} per operation and the top-level {@code profiling}. */
class ProfileConfigTest {
    private static final String OPERATION = "operations:\n  - name: a\n    class: x.Y\n    method: m\n";
    private final ConfigLoader loader = new ConfigLoader();

    private String rejected(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "agent.yaml")).getMessage();
    }

    @Test
    void profileAndProfilingAreReadWithTheirDefaults() throws Exception {
        AgentConfig config = loader.parse(OPERATION + "    profile: {slower_than_ms: 50}\n", "agent.yaml");
        assertEquals(50_000_000L, config.operations().get(0).profile().slowerThanNanos());
        assertEquals(10, config.profiling().intervalMs());
        assertEquals(2000, config.profiling().maxStacks());

        AgentConfig tuned = loader.parse("profiling: {interval_ms: 20, max_stacks: 500}\n" + OPERATION
                + "    profile: {slower_than_ms: 0.5}\n", "agent.yaml");
        assertEquals(20, tuned.profiling().intervalMs());
        assertEquals(500, tuned.profiling().maxStacks());
        assertEquals(500_000L, tuned.operations().get(0).profile().slowerThanNanos());
    }

    @Test
    void anOperationWithoutProfileHasNone() throws Exception {
        assertNull(loader.parse(OPERATION, "agent.yaml").operations().get(0).profile());
    }

    @Test
    void badThresholdsAreRejectedAtTheirKey() {
        for (String bad : new String[] {"0", "-5", "3600001"}) {
            String message = rejected(OPERATION + "    profile: {slower_than_ms: " + bad + "}\n");
            assertTrue(message.startsWith("agent.yaml:5:15: slower_than_ms of a profile must be more than 0"), message);
        }
        String wrongType = rejected(OPERATION + "    profile: {slower_than_ms: soon}\n");
        assertTrue(wrongType.startsWith("agent.yaml:5:31:") && wrongType.contains("expected a number, found 'soon'"), wrongType);
        String missing = rejected(OPERATION + "    profile: {}\n");
        assertTrue(missing.startsWith("agent.yaml:5:14:") && missing.contains("profile needs slower_than_ms"), missing);
        String notAMapping = rejected(OPERATION + "    profile: 50\n");
        assertTrue(notAMapping.startsWith("agent.yaml:5:14:") && notAMapping.contains("expected a mapping"), notAMapping);
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        String inProfile = rejected(OPERATION + "    profile: {slower_than: 50}\n");
        assertTrue(inProfile.startsWith("agent.yaml:5:15: unknown key 'slower_than' in operations[0].profile"), inProfile);
        assertTrue(inProfile.contains("expected one of: slower_than_ms"), inProfile);
        String inProfiling = rejected("profiling:\n  interval: 5\n");
        assertTrue(inProfiling.startsWith("agent.yaml:2:3: unknown key 'interval' in profiling"), inProfiling);
        assertTrue(inProfiling.contains("interval_ms, max_stacks"), inProfiling);
    }

    @Test
    void profilingRangesAreChecked() {
        for (String bad : new String[] {"0", "1001"}) {
            String message = rejected("profiling:\n  interval_ms: " + bad + "\n");
            assertTrue(message.startsWith("agent.yaml:2:3: interval_ms of profiling must be between 1 and 1000"), message);
        }
        for (String bad : new String[] {"0", "100001"}) {
            String message = rejected("profiling:\n  max_stacks: " + bad + "\n");
            assertTrue(message.startsWith("agent.yaml:2:3: max_stacks of profiling must be between 1 and 100000"), message);
        }
        String fraction = rejected("profiling:\n  interval_ms: 2.5\n");
        assertTrue(fraction.contains("expected a whole number, found '2.5'"), fraction);
    }

    @Test
    void constructorsCannotBeProfiled() {
        String message = rejected("operations:\n  - name: a\n    class: x.Y\n    method: '<init>'\n"
                + "    profile: {slower_than_ms: 5}\n");
        assertTrue(message.startsWith("agent.yaml:5:5: profile: operation 'a' selects constructors"), message);
    }
}
