package io.perfweave.agent.judge;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigException;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.OperationThresholds;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the judge reads from the config, and the mistakes the config refuses. */
class ThresholdConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private ConfigException rejected(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "agent.yaml"));
    }

    @Test
    void theShippedConfigCarriesTheSeedsTargets() throws Exception {
        AgentConfig config = loader.load(Path.of("../config/agent.yaml"));
        OperationThresholds total = config.operations().get(0).thresholds();
        assertEquals("enhanced_orchestration", config.operations().get(0).name());
        assertEquals(2000.0, total.avgMs().target());
        assertEquals(95.0, total.successRateMin().target());
        assertEquals(1000.0, config.operations().get(1).thresholds().avgMs().target());
        assertEquals(500.0, config.operations().get(2).thresholds().avgMs().target());
        assertEquals("Similarity analysis is slow - consider reducing dataset size or improving caching",
                config.operations().get(2).recommendations().get("avg_ms"));
        assertEquals(100.0, config.resources().thresholds().memoryIncreaseMb().target());
        assertEquals(1.0, config.resources().intervalSeconds());
    }

    @Test
    void slowCallEventsNeedFlightRecorderEvents() {
        String operation = "operations:\n  - name: a\n    class: x.Y\n    method: m\n    thresholds:\n      slow_call_ms: 50\n";
        ConfigException e = rejected(operation);
        assertTrue(e.getMessage().contains("set jfr: true"), e.getMessage());
        assertTrue(e.getMessage().startsWith("agent.yaml:1:1:"), e.getMessage());
        assertThrows(ConfigException.class, () -> loader.parse("jfr: true\n" + operation.replace("50", "-1"), "agent.yaml"));
    }

    @Test
    void aResourceRecommendationMustBelongToAThresholdThatIsSet() {
        ConfigException e = rejected("resources:\n  thresholds:\n    memory_increase_mb: {target: 100}\n"
                + "    recommendations:\n      cpu_percent: Spin less\n");
        assertTrue(e.getMessage().startsWith("agent.yaml:4:5:"), e.getMessage());
        assertTrue(e.getMessage().contains("'cpu_percent'"), e.getMessage());
    }

    @Test
    void theOperatingSystemProbeIsOneOfThreeWays() throws Exception {
        assertEquals("auto", loader.parse("resources: {interval_seconds: 2}\n", "agent.yaml").resources().osProbe());
        assertEquals("off", loader.parse("resources:\n  os_probe: off\n", "agent.yaml").resources().osProbe());
        ConfigException e = rejected("resources:\n  os_probe: native\n");
        assertTrue(e.getMessage().startsWith("agent.yaml:2:3: os_probe must be"), e.getMessage());
    }
}
