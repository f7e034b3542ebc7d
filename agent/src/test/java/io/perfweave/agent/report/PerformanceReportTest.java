package io.perfweave.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.judge.Recommendations;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.resources.ResourceSample;
import io.perfweave.agent.stats.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeds' judged report fields, from given summaries of one project's calls. */
class PerformanceReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OperationCatalog catalog;

    @BeforeAll
    static void configure() throws Exception {
        catalog = new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "operations:",
                "  - name: report_test_orchestration",
                "    class: x.Engine",
                "    method: decide",
                "    tags: {project_id: arg0}",
                "    thresholds:",
                "      avg_ms: {target: 2000}",
                "    recommendations:",
                "      avg_ms: Total execution time exceeds 2-second threshold",
                "  - name: report_test_similarity",
                "    class: x.Similarity",
                "    method: find",
                "    tags: {project_id: arg0}",
                "    thresholds:",
                "      avg_ms: {target: 500}",
                "      success_rate_min: {target: 95}",
                "    recommendations:",
                "      avg_ms: Similarity analysis is slow - consider reducing dataset size or improving caching",
                "  - name: report_test_velocity",
                "    class: x.Velocity",
                "    method: trend",
                "    tags: {project_id: arg0}",
                ""), "report.yaml"));
    }

    private static Summary summary(String operation, long calls, long failed, double avgMs) {
        long successful = calls - failed;
        return new Summary(operation, calls, successful, failed, avgMs, avgMs, avgMs,
                calls == 0 ? 0 : 100.0 * successful / calls, avgMs, avgMs, avgMs, 0, 0, 1, null, null);
    }

    private static JsonNode report(Map<String, Summary> components, ResourceSample sample) {
        return JSON.valueToTree(new PerformanceReport(catalog, () -> sample).judgedFields(components));
    }

    @Test
    void theTotalIsTheOperationThatTookTheMostTimeAndIsJudgedAgainstItsTarget() {
        Map<String, Summary> components = new LinkedHashMap<>();
        components.put("report_test_similarity", summary("report_test_similarity", 4, 0, 300));
        components.put("report_test_orchestration", summary("report_test_orchestration", 4, 0, 900));
        components.put("report_test_velocity", summary("report_test_velocity", 4, 0, 100));
        JsonNode report = report(components, null);

        assertEquals("report_test_orchestration", report.get("total_operation").asText());
        assertEquals(900.0, report.get("total_execution_time_ms").asDouble());
        JsonNode thresholds = report.get("performance_thresholds");
        assertEquals(2000.0, thresholds.get("target_total_time_ms").asDouble());
        assertEquals(900.0, thresholds.get("actual_total_time_ms").asDouble());
        assertTrue(thresholds.get("threshold_met").asBoolean());
        assertTrue(thresholds.get("thresholds_met").asBoolean());
        assertEquals("since_start", thresholds.get("operations").get("report_test_similarity").get("avg_ms").get("over").asText());
        assertFalse(thresholds.get("operations").has("report_test_velocity"), "it has no thresholds");
        assertEquals(List.of(Recommendations.ALL_WITHIN), JSON.convertValue(report.get("recommendations"), List.class));
        assertTrue(report.get("resource_usage").isNull(), "no resource sample yet");
    }

    @Test
    void aBreachedThresholdOfThisProjectBringsItsRecommendation() {
        Map<String, Summary> components = new LinkedHashMap<>();
        components.put("report_test_orchestration", summary("report_test_orchestration", 10, 0, 2600));
        components.put("report_test_similarity", summary("report_test_similarity", 10, 1, 700));
        JsonNode report = report(components, null);

        JsonNode thresholds = report.get("performance_thresholds");
        assertFalse(thresholds.get("threshold_met").asBoolean());
        assertFalse(thresholds.get("thresholds_met").asBoolean());
        assertEquals(List.of("Total execution time exceeds 2-second threshold",
                        "Similarity analysis is slow - consider reducing dataset size or improving caching",
                        "report_test_similarity has low success rate (90 %, below 95 %, off_target) - investigate error handling"),
                JSON.convertValue(report.get("recommendations"), List.class));
    }

    @Test
    void aProjectWithoutCallsHasNothingToJudge() {
        Map<String, Summary> components = new LinkedHashMap<>();
        components.put("report_test_orchestration", summary("report_test_orchestration", 0, 0, 0));
        ResourceSample sample = new ResourceSample(300.0, 12.5, 3.0, 10L, 20, null, null, null, "now", 1.0, 3, "test",
                List.of(), null);
        JsonNode report = report(components, sample);

        assertTrue(report.get("total_operation").isNull());
        assertEquals(0.0, report.get("total_execution_time_ms").asDouble());
        assertEquals("no_data", report.get("performance_thresholds").get("operations")
                .get("report_test_orchestration").get("avg_ms").get("level").asText());
        assertEquals(List.of(Recommendations.ALL_WITHIN), JSON.convertValue(report.get("recommendations"), List.class));
        assertEquals(12.5, report.get("resource_usage").get("memory_increase_mb").asDouble());
        assertEquals(20, report.get("resource_usage").get("threads").asInt());
    }
}
