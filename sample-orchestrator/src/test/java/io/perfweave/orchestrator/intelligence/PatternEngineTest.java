package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import io.perfweave.orchestrator.chronicle.UnknownProjectException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternEngineTest {

    private static final ChronicleHistory HISTORY = new HistoryGenerator().generate(200, 42);

    private final PatternEngine engine = new PatternEngine();

    @Test
    void analysesAProjectAgainstTheWholeChronicle() {
        PatternAnalysis analysis = engine.analyzeProjectPatterns("TEST-001", HISTORY);

        assertEquals("TEST-001", analysis.projectId());
        assertEquals(SimilarityAnalyzer.DEFAULT_TOP_K, analysis.similarProjects().size());
        for (SimilarProject similar : analysis.similarProjects()) {
            assertFalse(similar.projectId().equals("TEST-001") || similar.projectId().startsWith("CORRUPT-"),
                    similar.projectId());
        }
        long usable = HISTORY.projects().stream().filter(Project::hasUsableHistory).count();
        assertEquals(usable - 1, analysis.velocityTrends().comparedProjects());
        assertEquals(HISTORY.require("TEST-001").sprints().size(), analysis.velocityTrends().sprintVelocities().size());
        assertEquals(10, analysis.successIndicators().similarProjectsConsidered());
        assertTrue(analysis.insightsSummary().headline().startsWith("TEST-001: "));
        assertFalse(analysis.insightsSummary().recommendations().isEmpty());
    }

    @Test
    void corruptProjectsFailInTheComponentThatCannotUseTheirData() {
        IllegalStateException negativeDuration = assertThrows(IllegalStateException.class,
                () -> engine.analyzeProjectPatterns("CORRUPT-001", HISTORY));
        assertTrue(negativeDuration.getMessage().startsWith("corrupt sprint 3 in project CORRUPT-001"));
        assertEquals(VelocityAnalyzer.class.getName(), negativeDuration.getStackTrace()[0].getClassName());

        IllegalStateException zeroPlanned = assertThrows(IllegalStateException.class,
                () -> engine.analyzeProjectPatterns("CORRUPT-002", HISTORY));
        assertTrue(zeroPlanned.getMessage().startsWith("corrupt sprint 4 in project CORRUPT-002"));
        assertTrue(stackMentions(zeroPlanned, SimilarityAnalyzer.class));
    }

    @Test
    void unknownProjectsAreReportedAsSuch() {
        assertThrows(UnknownProjectException.class, () -> engine.analyzeProjectPatterns("PROJ-99999", HISTORY));
    }

    @Test
    void summaryTurnsWarningSignsIntoRecommendations() {
        VelocityTrends declining = new VelocityTrends(List.of(30.0, 25.0, 20.0), 10, 25.0, 25.0, -5.0, -0.2,
                30.0, 1.0, "declining", 0.4, 15.0, 5.0, 90.0, 50);
        SuccessIndicators struggling = new SuccessIndicators(10, 0.1, 0.5,
                Map.of("success", 1, "challenged", 4, "failed", 5),
                List.of(new SuccessPattern("completion_ratio", 0.9, 0.7, 1.2, 0.92, 0.6, false)), 0.0);
        List<SimilarProject> similar = List.of(
                new SimilarProject("A", "A", "d", ProjectOutcome.SUCCESS, 0.8, 0.1, 0.0),
                new SimilarProject("B", "B", "d", ProjectOutcome.FAILED, 0.6, 0.2, 0.0));

        InsightsSummary summary = engine.generateInsightsSummary("X-1", similar, declining, struggling);

        assertEquals("X-1: declining velocity, 10% of similar projects succeeded", summary.headline());
        assertEquals(List.of(
                "Bring completion ratio towards 0.90, where successful projects are.",
                "Find the cause of the velocity decline before committing more scope.",
                "Plan to the lower end of recent velocity until it steadies.",
                "Review what the similar projects that struggled had in common."), summary.recommendations());
        assertTrue(summary.keyInsights().contains(
                "Successful projects have higher completion ratio (0.90 against 0.70); this project: 0.60."));
        // mean similarity 0.7, two of the usual ten similar projects found
        assertEquals(0.7 * 2 / 10, summary.confidence(), 1e-12);
    }

    private static boolean stackMentions(Throwable e, Class<?> type) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
