package io.perfweave.orchestrator.decision;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import io.perfweave.orchestrator.chronicle.UnknownProjectException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.perfweave.orchestrator.SampleProjects.delivering;
import static io.perfweave.orchestrator.SampleProjects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecisionEngineTest {

    /**
     * Plans 30 points every sprint but delivers 24, 27, 21, then 15, while the team grows from
     * five to seven: 87 of 120 points (72.5 %), 8 defects.
     */
    private final ChronicleHistory history = new ChronicleHistory(List.of(
            project("SLIPPING", ProjectOutcome.CHALLENGED,
                    new int[] {30, 24, 10, 5, 2},
                    new int[] {30, 27, 10, 5, 2},
                    new int[] {30, 21, 10, 6, 2},
                    new int[] {30, 15, 10, 7, 2}),
            delivering("STEADY", ProjectOutcome.SUCCESS, 20, 21, 22, 23)));

    private final DecisionEngine engine = new DecisionEngine(history);

    @Test
    void analysesDeliveryFromTheSprints() {
        ProjectAnalysis analysis = engine.makeOrchestrationDecision(new ProjectData("SLIPPING", false)).analysis();
        assertEquals(new ProjectAnalysis(4, 7, 5, 87 / 4.0, 21.0, 15.0, 24.0, 87 / 120.0, 8 / 87.0), analysis);
    }

    @Test
    void trimsTheCommitmentAndFlagsRisksOfASlippingProject() {
        OrchestrationDecision decision = engine.makeOrchestrationDecision(new ProjectData("SLIPPING", false));

        assertEquals("SLIPPING", decision.projectId());
        assertEquals(ProjectData.ANALYZE_AND_ORCHESTRATE, decision.action());
        assertFalse(decision.patternRecognitionEnabled());
        assertNull(decision.patternInsights());
        // recent velocity (27 + 21 + 15) / 3 = 21, trimmed by 10 % to 18.9
        assertEquals(19, decision.decisions().sprintPlan().recommendedPoints());
        assertEquals("mean of the last 3 sprints (21.0 points), trimmed by 10% because only 73% of planned "
                + "points were completed", decision.decisions().sprintPlan().basis());
        assertEquals(List.of(
                new RiskFlag("LOW_COMPLETION_RATIO", "medium", "73% of planned points completed"),
                new RiskFlag("VELOCITY_DROP", "medium", "last sprint 15 points against 24.0 before it"),
                new RiskFlag("TEAM_SIZE_CHANGE", "low", "team went from 5 to 7 people")),
                decision.decisions().riskFlags());
        assertEquals(3, decision.decisions().recommendations().size());
    }

    @Test
    void aSteadyProjectKeepsItsRecentVelocityWithoutFlags() {
        Decisions decisions = engine.makeOrchestrationDecision(new ProjectData("STEADY", true)).decisions();
        assertEquals(22, decisions.sprintPlan().recommendedPoints()); // (21 + 22 + 23) / 3
        assertEquals(List.of(), decisions.riskFlags());
        assertEquals(List.of("Continue with the current sprint cadence."), decisions.recommendations());
    }

    @Test
    void aHighDefectRateIsFlagged() {
        ChronicleHistory buggy = new ChronicleHistory(List.of(project("BUGGY", ProjectOutcome.FAILED,
                new int[] {10, 10, 10, 4, 3}, new int[] {10, 10, 10, 4, 3})));
        List<RiskFlag> flags = new DecisionEngine(buggy)
                .makeOrchestrationDecision(new ProjectData("BUGGY", false)).decisions().riskFlags();
        assertEquals(List.of(new RiskFlag("HIGH_DEFECT_RATE", "medium", "0.30 defects per completed point")), flags);
    }

    @Test
    void unknownProjectsAreReportedAsSuch() {
        assertThrows(UnknownProjectException.class,
                () -> engine.makeOrchestrationDecision(new ProjectData("NOPE", false)));
    }

    @Test
    void projectDataExposesItsIdBothWaysAndDefaultsItsOptions() {
        ProjectData data = new ProjectData("TEST-001", null, null);
        assertEquals("TEST-001", data.projectId());
        assertEquals("TEST-001", data.getProjectId());
        assertEquals(ProjectData.ANALYZE_AND_ORCHESTRATE, data.action());
        assertEquals(OrchestrationOptions.DEFAULTS, data.options());
    }
}
