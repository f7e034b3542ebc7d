package io.perfweave.agent.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRulesTest {
    static final Path AGENT_YAML = Path.of("../config/agent.yaml");
    static final Path EVERY_KIND = Path.of("src/test/resources/alerting/every-kind.yaml");
    private final ConfigLoader loader = new ConfigLoader();

    private static List<AlertRule> all(AgentConfig config) {
        return AlertRules.of(config).stream().flatMap(group -> group.rules().stream()).collect(Collectors.toList());
    }

    private static List<AlertRule> named(List<AlertRule> rules, String alert, String operationOrRule) {
        return rules.stream().filter(rule -> rule.name().equals(alert)
                && operationOrRule.equals(rule.labels().getOrDefault("operation", rule.labels().get("operation_rule"))))
                .collect(Collectors.toList());
    }

    @Test
    void theShippedConfigGivesOneRulePerThresholdAndLevel() throws Exception {
        AgentConfig config = loader.load(AGENT_YAML);
        List<AlertRules.Group> groups = AlertRules.of(config);
        assertEquals(List.of("perfweave_operations", "perfweave_resources"),
                groups.stream().map(AlertRules.Group::name).collect(Collectors.toList()), "no regression rules unless asked");
        List<AlertRule> rules = all(config);
        // enhanced_orchestration and full_pattern_analysis: avg and success rate; similarity_analysis: avg; memory
        assertEquals(6, rules.size(), rules.toString());

        AlertRule average = named(rules, "PerfweaveAverageDurationHigh", "enhanced_orchestration").get(0);
        assertEquals("1000 * sum by (operation) (rate(perfweave_operation_duration_seconds_sum{operation=\"enhanced_orchestration\"}[60s]))"
                + " / sum by (operation) (rate(perfweave_operation_duration_seconds_count{operation=\"enhanced_orchestration\"}[60s]))",
                average.condition().measure());
        assertEquals(">", average.condition().comparison());
        assertEquals(2000, average.condition().limit());
        assertEquals(average.condition().measure() + " > 2000", average.condition().expression());
        assertEquals(300, average.forSeconds(), "for_seconds defaults to 300");
        assertEquals(Map.of("severity", "warning", "level", "target", "threshold", "avg_ms", "operation", "enhanced_orchestration"),
                average.labels());
        assertEquals("{{ $labels.operation }}: average duration {{ $value | printf \"%.1f\" }} ms is above its target of 2000 ms"
                + " (avg_ms, over the last 60 s, all instances together)", average.annotations().get("summary"));
        assertEquals("Total execution time exceeds 2-second threshold", average.annotations().get("description"));

        AlertRule success = named(rules, "PerfweaveSuccessRateLow", "full_pattern_analysis").get(0);
        assertEquals("<", success.condition().comparison());
        assertEquals(95, success.condition().limit());
        assertTrue(success.condition().measure().startsWith("100 * sum by (operation) (rate(perfweave_operation_calls_total"
                + "{operation=\"full_pattern_analysis\",outcome=\"success\"}[60s]))"), success.condition().measure());

        AlertRule memory = rules.stream().filter(rule -> rule.name().equals("PerfweaveMemoryIncreaseHigh")).findFirst().orElseThrow();
        assertEquals("perfweave_process_memory_increase_bytes / 1048576", memory.condition().measure(),
                "per instance: not summed, so every JVM keeps its instance label");
        assertEquals(100, memory.condition().limit());
        assertFalse(memory.labels().containsKey("operation"));
    }

    @Test
    void severityIsCriticalForTheCriticalLevelAndWarningForTheOthers() throws Exception {
        List<AlertRule> average = named(all(loader.load(EVERY_KIND)), "PerfweaveAverageDurationHigh", "work");
        assertEquals(List.of("target", "warning", "critical"),
                average.stream().map(rule -> rule.labels().get("level")).collect(Collectors.toList()));
        assertEquals(List.of("warning", "warning", "critical"),
                average.stream().map(rule -> rule.labels().get("severity")).collect(Collectors.toList()));
        assertEquals(List.of(200.0, 500.0, 1000.0),
                average.stream().map(rule -> rule.condition().limit()).collect(Collectors.toList()));
        assertEquals(1, average.stream().map(rule -> rule.condition().measure()).distinct().count(),
                "the levels differ in their limit only");
        List<AlertRule> successRate = named(all(loader.load(EVERY_KIND)), "PerfweaveSuccessRateLow", "work");
        assertEquals(List.of(99.0, 95.0, 90.0), successRate.stream().map(rule -> rule.condition().limit()).collect(Collectors.toList()));
        assertTrue(successRate.stream().allMatch(rule -> rule.condition().comparison().equals("<")));
    }

    @Test
    void forSecondsIsTakenFromEachThresholdsBlock() throws Exception {
        List<AlertRule> rules = all(loader.load(EVERY_KIND));
        assertTrue(rules.stream().filter(rule -> "work".equals(rule.labels().get("operation"))
                && !rule.name().equals("PerfweaveSlowerThanBaseline")).allMatch(rule -> rule.forSeconds() == 60));
        assertTrue(named(rules, "PerfweaveAverageDurationHigh", "{simpleClass}.{method}").stream()
                .allMatch(rule -> rule.forSeconds() == 300), "the default where the block sets none");
        assertTrue(rules.stream().filter(rule -> rule.name().equals("PerfweaveCpuUsageHigh")).allMatch(rule -> rule.forSeconds() == 120));
        assertTrue(rules.stream().filter(rule -> rule.name().equals("PerfweaveSlowerThanBaseline")).allMatch(rule -> rule.forSeconds() == 5));
    }

    @Test
    void aWindowThresholdTakesRatesOverWindowSecondsAndSinceStartTheCumulativeTotals() throws Exception {
        List<AlertRule> rules = all(loader.load(EVERY_KIND));
        AlertRule window = named(rules, "PerfweaveP95DurationHigh", "work").get(0);
        assertEquals("1000 * histogram_quantile(0.95, sum by (operation, le) (rate(perfweave_operation_duration_seconds_bucket"
                + "{operation=\"work\"}[10s])))", window.condition().measure());
        AlertRule windowMax = named(rules, "PerfweaveMaxDurationHigh", "work").get(0);
        assertEquals("1000 * max by (operation) (perfweave_operation_duration_max_seconds{operation=\"work\",over=\"window\"})",
                windowMax.condition().measure());

        AlertRule sinceStart = named(rules, "PerfweaveAverageDurationHigh", "{simpleClass}.{method}").get(0);
        assertEquals("1000 * sum by (operation) (perfweave_operation_duration_seconds_sum{operation=~\".+\\\\..+\"})"
                + " / sum by (operation) (perfweave_operation_duration_seconds_count{operation=~\".+\\\\..+\"})",
                sinceStart.condition().measure());
        assertTrue(sinceStart.annotations().get("summary").contains("since start"), sinceStart.annotations().toString());
        AlertRule sinceStartMax = named(rules, "PerfweaveMaxDurationHigh", "{simpleClass}.{method}").get(0);
        assertTrue(sinceStartMax.condition().measure().contains("over=\"since_start\""), sinceStartMax.condition().measure());
    }

    @Test
    void aNameWithPlaceholdersSelectsEveryOperationItCanName() {
        String regex = PromQl.operationMatchers(new io.perfweave.agent.config.OperationConfig("{simpleClass}.{method}[x]*",
                "a.B", null, null, "m", null, null, null, null, null, null, null, null, null, null, null, null, null, null)).get(0);
        assertEquals("operation=~\".+\\\\..+\\\\[x\\\\]\\\\*\"", regex);
        // what Prometheus reads once the PromQL string is unescaped; RE2 and Java agree on this syntax
        Pattern pattern = Pattern.compile(".+\\..+\\[x\\]\\*");
        assertTrue(pattern.matcher("OrderService.place[x]*").matches());
        assertFalse(pattern.matcher("OrderService.place[x]").matches());
        assertEquals("operation=\"say \\\"hi\\\" \\\\ there\"", PromQl.operationMatchers(new io.perfweave.agent.config.OperationConfig(
                "say \"hi\" \\ there", "a.B", null, null, "m", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null)).get(0));
    }

    @Test
    void resourceRulesArePerInstance() throws Exception {
        List<AlertRule> cpu = all(loader.load(EVERY_KIND)).stream().filter(rule -> rule.name().equals("PerfweaveCpuUsageHigh"))
                .collect(Collectors.toList());
        assertEquals(2, cpu.size());
        for (AlertRule rule : cpu) {
            assertEquals("perfweave_process_cpu_usage * 100", rule.condition().measure());
            assertTrue(rule.annotations().get("summary").startsWith("{{ $labels.instance }}: process CPU use"), rule.annotations().toString());
            assertEquals("Look at the busiest threads", rule.annotations().get("description"));
        }
        assertEquals(List.of("warning", "critical"), cpu.stream().map(rule -> rule.labels().get("severity")).collect(Collectors.toList()));
    }

    @Test
    void aRegressionRuleComparesEachOperationsAverageWithItsBaseline() throws Exception {
        List<AlertRule> regressions = all(loader.load(EVERY_KIND)).stream()
                .filter(rule -> rule.name().equals("PerfweaveSlowerThanBaseline")).collect(Collectors.toList());
        assertEquals(2, regressions.size(), "one per operation rule");
        AlertRule work = regressions.get(0);
        String now = PromQl.averageMs(PromQl.operationMatchers(loader.load(EVERY_KIND).operations().get(0)), "10s", null);
        assertEquals("100 * ((" + now + ") / (" + now.replace("[10s]", "[10s] offset 20s") + ") - 1)", work.condition().measure());
        assertEquals(">", work.condition().comparison());
        assertEquals(20, work.condition().limit());
        assertEquals(Map.of("severity", "warning", "threshold", "regression_percent", "operation", "work"), work.labels());
        assertEquals("{{ $labels.operation }}: average duration over the last 10 s is {{ $value | printf \"%.1f\" }} % above"
                + " its average 20s earlier (limit 20 %)", work.annotations().get("summary"));
    }

    @Test
    void theRulesFileIsPrometheusYamlWithAnExpressionAndDurationPerRule() throws Exception {
        AgentConfig config = loader.load(EVERY_KIND);
        String yaml = AlertRules.yaml(config, "every-kind.yaml");
        assertTrue(yaml.startsWith("# Prometheus alerting rules generated by 'perfweave-agent.jar rules' from every-kind.yaml"), yaml);
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<AlertRule> rules = all(config);
        int i = 0;
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                AlertRule expected = rules.get(i++);
                assertEquals(expected.name(), rule.path("alert").asText());
                assertEquals(expected.condition().expression(), rule.path("expr").asText());
                assertEquals(expected.forSeconds() + "s", rule.path("for").asText());
                assertEquals(expected.labels().get("severity"), rule.path("labels").path("severity").asText());
                assertEquals(expected.annotations().get("summary"), rule.path("annotations").path("summary").asText());
            }
        }
        assertEquals(rules.size(), i);
        assertEquals(18, i);
    }

    @Test
    void aRecommendationIsTextEvenWhereItLooksLikeATemplate() {
        assertEquals("look at {{ \"{{\" }} the cache }}", AlertRules.literalText("look at {{ the cache }}"));
        assertEquals("plain } text", AlertRules.literalText("plain } text"));
    }
}
