package io.perfweave.orchestrator.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.orchestrator.OrchestratorJson;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.intelligence.PatternEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnhancedDecisionEngineTest {

    private static final ChronicleHistory HISTORY = new HistoryGenerator().generate(200, 42);

    private final EnhancedDecisionEngine engine = new EnhancedDecisionEngine(HISTORY);
    private final ObjectMapper mapper = OrchestratorJson.newMapper();

    @Test
    void withPatternRecognitionOffItDecidesExactlyLikeTheBaseline() {
        OrchestrationDecision enhanced = engine.makeOrchestrationDecision(new ProjectData("TEST-002", false));
        OrchestrationDecision baseline = new DecisionEngine(HISTORY).makeOrchestrationDecision(new ProjectData("TEST-002", false));
        assertEquals(baseline, enhanced);
        assertNull(enhanced.patternInsights());
    }

    @Test
    void withPatternRecognitionOnItRefinesTheBaselineWithTheAnalysis() {
        OrchestrationDecision baseline = engine.makeOrchestrationDecision(new ProjectData("TEST-002", false));
        OrchestrationDecision decision = engine.makeOrchestrationDecision(new ProjectData("TEST-002", true));

        assertTrue(decision.patternRecognitionEnabled());
        assertNotNull(decision.patternInsights());
        assertEquals("TEST-002", decision.patternInsights().projectId());
        assertEquals(baseline.analysis(), decision.analysis());
        assertTrue(decision.decisions().sprintPlan().basis().startsWith(baseline.decisions().sprintPlan().basis()));
        assertTrue(decision.decisions().sprintPlan().basis().contains("trend forecast"));
        assertTrue(decision.decisions().riskFlags().containsAll(baseline.decisions().riskFlags()));
        // TEST-002 is the fixture whose velocity declines sprint after sprint.
        assertEquals("declining", decision.patternInsights().velocityTrends().trendDirection());
        assertTrue(decision.decisions().riskFlags().stream().anyMatch(flag -> flag.code().equals("DECLINING_VELOCITY")));
    }

    @Test
    void serialisesWithTheServicesSnakeCaseFieldNames() {
        JsonNode enabled = mapper.valueToTree(engine.makeOrchestrationDecision(new ProjectData("TEST-001", true)));
        assertEquals("TEST-001", enabled.get("project_id").asText());
        assertTrue(enabled.get("pattern_recognition_enabled").asBoolean());
        assertTrue(enabled.at("/decisions/sprint_plan/recommended_points").isInt());
        assertTrue(enabled.at("/decisions/risk_flags").isArray());
        assertEquals(10, enabled.at("/pattern_insights/similar_projects").size());
        assertTrue(enabled.at("/pattern_insights/velocity_trends/slope_per_sprint").isNumber());
        assertTrue(enabled.at("/pattern_insights/success_indicators/baseline_success_rate").isNumber());
        assertTrue(enabled.at("/pattern_insights/insights_summary/key_insights").isArray());

        JsonNode disabled = mapper.valueToTree(engine.makeOrchestrationDecision(new ProjectData("TEST-001", false)));
        assertFalse(disabled.has("pattern_insights"));
        assertFalse(disabled.get("pattern_recognition_enabled").asBoolean());
    }

    @Test
    void corruptHistoryFailsOnlyTheAnalysisThatNeedsIt() {
        assertThrows(IllegalStateException.class,
                () -> engine.makeOrchestrationDecision(new ProjectData("CORRUPT-001", true)));
        // The baseline reads only points, so it still answers for the same project.
        assertEquals("CORRUPT-001",
                engine.makeOrchestrationDecision(new ProjectData("CORRUPT-001", false)).projectId());
    }

    @Test
    void sameHistorySameDecisionWhateverTheEngineInstance() {
        EnhancedDecisionEngine withOwnEngine = new EnhancedDecisionEngine(HISTORY, new PatternEngine());
        assertEquals(engine.makeOrchestrationDecision(new ProjectData("TEST-003", true)),
                withOwnEngine.makeOrchestrationDecision(new ProjectData("TEST-003", true)));
    }
}
