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
    void forSecondsDefaultsToFiveMinutesAndIsCheckedWhereItIsWritten() throws Exception {
        String operation = "operations:\n  - name: a\n    class: x.Y\n    method: m\n    thresholds:\n      avg_ms: {target: 5}\n";
        assertEquals(300, loader.parse(operation, "agent.yaml").operations().get(0).thresholds().forSeconds());
        assertEquals(60, loader.parse(operation + "      for_seconds: 60\n", "agent.yaml").operations().get(0).thresholds().forSeconds());
        assertEquals(0, loader.parse(operation + "      for_seconds: 0\n", "agent.yaml").operations().get(0).thresholds().forSeconds());
        ConfigException negative = rejected(operation + "      for_seconds: -1\n");
        assertTrue(negative.getMessage().startsWith("agent.yaml:7:7: for_seconds"), negative.getMessage());
        assertTrue(negative.getMessage().contains("was -1"), negative.getMessage());
        ConfigException fraction = rejected(operation + "      for_seconds: 1.5\n");
        assertTrue(fraction.getMessage().contains("expected a whole number, found '1.5'"), fraction.getMessage());

        String resources = "resources:\n  thresholds:\n    cpu_percent: {target: 80}\n";
        assertEquals(300, loader.parse(resources, "agent.yaml").resources().thresholds().forSeconds());
        assertEquals(30, loader.parse(resources + "    for_seconds: 30\n", "agent.yaml").resources().thresholds().forSeconds());
        ConfigException tooLong = rejected(resources + "    for_seconds: 604801\n");
        assertTrue(tooLong.getMessage().startsWith("agent.yaml:4:5: for_seconds"), tooLong.getMessage());
    }

    @Test
    void regressionAlertsNeedAPercentAndTakeAPrometheusDurationAsTheirBaseline() throws Exception {
        assertEquals(null, loader.parse("operations: []\n", "agent.yaml").alerts());
        var alerts = loader.parse("alerts: {regression_percent: 20}\n", "agent.yaml").alerts();
        assertEquals(20.0, alerts.regressionPercent());
        assertEquals("1d", alerts.baselineOffset());
        assertEquals(300, alerts.rangeSeconds());
        assertEquals(300, alerts.forSeconds());
        alerts = loader.parse("alerts: {regression_percent: 5, baseline_offset: 1w2d, range_seconds: 60, for_seconds: 600}\n",
                "agent.yaml").alerts();
        assertEquals("1w2d", alerts.baselineOffset());
        assertEquals(60, alerts.rangeSeconds());
        assertEquals(600, alerts.forSeconds());

        ConfigException noPercent = rejected("alerts:\n  baseline_offset: 1d\n");
        assertTrue(noPercent.getMessage().startsWith("agent.yaml:2:3: alerts needs regression_percent"), noPercent.getMessage());
        for (String offset : new String[] {"'1 day'", "2m1h", "0s", "''", "-1d"}) {
            ConfigException e = rejected("alerts:\n  regression_percent: 20\n  baseline_offset: " + offset + "\n");
            assertTrue(e.getMessage().startsWith("agent.yaml:3:3: baseline_offset must be a Prometheus duration"),
                    offset + ": " + e.getMessage());
        }
        ConfigException zero = rejected("alerts:\n  regression_percent: 0\n");
        assertTrue(zero.getMessage().startsWith("agent.yaml:2:3: regression_percent must be above 0"), zero.getMessage());
        ConfigException unknown = rejected("alerts:\n  regression_percent: 20\n  offset: 1d\n");
        assertTrue(unknown.getMessage().startsWith("agent.yaml:3:3: unknown key 'offset'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("baseline_offset, for_seconds, range_seconds, regression_percent"),
                unknown.getMessage());
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
