package io.perfweave.agent.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrafanaDashboardTest {
    private final ConfigLoader loader = new ConfigLoader();

    private JsonNode dashboard(AgentConfig config) throws Exception {
        // through the JSON text, as Grafana gets it
        return new ObjectMapper().readTree(GrafanaDashboard.json(config, "agent.yaml"));
    }

    private static JsonNode panel(JsonNode dashboard, String row, String title) {
        String currentRow = null;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                currentRow = panel.path("title").asText();
            } else if (row.equals(currentRow) && panel.path("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel '" + title + "' in row '" + row + "'");
    }

    /** The values at which the panel draws threshold lines, and their colours. */
    private static List<String> lines(JsonNode panel) {
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        List<String> lines = new ArrayList<>();
        for (JsonNode step : defaults.path("thresholds").path("steps")) {
            if (!step.path("value").isNull()) {
                lines.add(PromQl.number(step.path("value").asDouble()) + " " + step.path("color").asText());
            }
        }
        assertEquals(lines.isEmpty() ? "off" : "line", defaults.path("custom").path("thresholdsStyle").path("mode").asText(),
                panel.path("title").asText());
        return lines;
    }

    @Test
    void aGrafanaTenDashboardWithADatasourceAndAnInstanceVariable() throws Exception {
        JsonNode dashboard = dashboard(loader.load(AlertRulesTest.AGENT_YAML));
        assertTrue(dashboard.path("schemaVersion").asInt() >= 38, dashboard.path("schemaVersion").toString());
        assertEquals("perfweave-agent", dashboard.path("uid").asText());
        JsonNode variables = dashboard.path("templating").path("list");
        assertEquals("datasource", variables.get(0).path("name").asText());
        assertEquals("datasource", variables.get(0).path("type").asText());
        assertEquals("prometheus", variables.get(0).path("query").asText());
        JsonNode instance = variables.get(1);
        assertEquals("instance", instance.path("name").asText());
        assertEquals("query", instance.path("type").asText());
        assertEquals("${datasource}", instance.path("datasource").path("uid").asText());
        assertEquals("label_values(perfweave_operation_calls_total, instance)", instance.path("query").path("query").asText());
        assertTrue(instance.path("includeAll").asBoolean() && instance.path("multi").asBoolean());
        assertEquals(".*", instance.path("allValue").asText());
    }

    @Test
    void everyPanelReadsTheChosenDatasourceAndInstances() throws Exception {
        for (String config : List.of("../config/agent.yaml", "src/test/resources/alerting/every-kind.yaml")) {
            JsonNode dashboard = dashboard(loader.load(java.nio.file.Path.of(config)));
            Set<Integer> ids = new HashSet<>();
            int timeSeries = 0;
            for (JsonNode panel : dashboard.path("panels")) {
                assertTrue(ids.add(panel.path("id").asInt()), "unique id " + panel);
                JsonNode grid = panel.path("gridPos");
                assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, panel.toString());
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                timeSeries++;
                assertEquals("timeseries", panel.path("type").asText());
                assertEquals("prometheus", panel.path("datasource").path("type").asText(), panel.toString());
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.toString());
                assertTrue(panel.path("targets").size() > 0, panel.toString());
                for (JsonNode target : panel.path("targets")) {
                    assertEquals("${datasource}", target.path("datasource").path("uid").asText(), target.toString());
                    assertTrue(target.path("expr").asText().contains("instance=~\"$instance\""), target.toString());
                    assertTrue(target.path("refId").asText().matches("[A-Z]"), target.toString());
                }
            }
            int operations = loader.load(java.nio.file.Path.of(config)).operations().size();
            assertEquals(4 * operations + 8, timeSeries, config + ": four panels per operation and eight of resources");
        }
    }

    @Test
    void theShippedConfigsThresholdsAreDrawnAsLines() throws Exception {
        JsonNode dashboard = dashboard(loader.load(AlertRulesTest.AGENT_YAML));
        assertEquals(List.of("2000 yellow"), lines(panel(dashboard, "enhanced_orchestration", "average")));
        // success_rate_min: 95 is a failure percentage of 5
        assertEquals(List.of("5 yellow"), lines(panel(dashboard, "enhanced_orchestration", "failure %")));
        assertEquals(List.of("1000 yellow"), lines(panel(dashboard, "full_pattern_analysis", "average")));
        assertEquals(List.of("500 yellow"), lines(panel(dashboard, "similarity_analysis", "average")));
        assertEquals(List.of(), lines(panel(dashboard, "similarity_analysis", "failure %")));
        assertEquals(List.of(), lines(panel(dashboard, "velocity_analysis", "p50 / p95 / p99")));
        assertEquals(List.of("100 yellow"), lines(panel(dashboard, "resources", "memory increase (MB)")));
        assertEquals(List.of(), lines(panel(dashboard, "resources", "process CPU %")));
        assertTrue(panel(dashboard, "enhanced_orchestration", "average").path("description").asText()
                .contains("Lines: avg_ms target 2000 ms."));
        assertEquals(1, panel(dashboard, "enhanced_orchestration", "average").path("targets").size(),
                "the agents report the longest call only where a max_ms threshold asks for it");
    }

    @Test
    void eachLevelIsALineInItsColour() throws Exception {
        JsonNode dashboard = dashboard(loader.load(AlertRulesTest.EVERY_KIND));
        assertEquals(List.of("200 yellow", "500 orange", "1000 red", "5000 red"), lines(panel(dashboard, "work", "average / longest call")));
        assertEquals(List.of("300 yellow", "1500 red", "2000 orange"), lines(panel(dashboard, "work", "p50 / p95 / p99")));
        assertEquals(List.of("1 yellow", "5 orange", "10 red"), lines(panel(dashboard, "work", "failure %")));
        assertEquals(List.of("80 orange", "95 red"), lines(panel(dashboard, "resources", "process CPU %")));
        assertTrue(panel(dashboard, "work", "average / longest call").path("targets").get(1).path("expr").asText()
                .startsWith("1000 * max by (operation) (perfweave_operation_duration_max_seconds{operation=\"work\""));
        JsonNode quantiles = panel(dashboard, "work", "p50 / p95 / p99");
        assertEquals(List.of("p50", "p95", "p99"), List.of(quantiles.path("targets").get(0).path("legendFormat").asText(),
                quantiles.path("targets").get(1).path("legendFormat").asText(), quantiles.path("targets").get(2).path("legendFormat").asText()));
        assertTrue(quantiles.path("targets").get(1).path("expr").asText().startsWith("1000 * histogram_quantile(0.95, sum by (operation, le)"
                + " (rate(perfweave_operation_duration_seconds_bucket{operation=\"work\",instance=~\"$instance\"}[$__rate_interval])))"));
        // a name with placeholders names many operations, told apart in the legend
        assertEquals("{{operation}} p50", panel(dashboard, "{simpleClass}.{method}", "p50 / p95 / p99")
                .path("targets").get(0).path("legendFormat").asText());
    }
}
