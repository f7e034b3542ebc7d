package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.perfweave.orchestrator.SampleProjects.delivering;
import static io.perfweave.orchestrator.SampleProjects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimilarityAnalyzerTest {

    private static final ProjectOutcome OK = ProjectOutcome.SUCCESS;

    /** A target, its exact twin, a near neighbour, a very different project and a corrupt one. */
    private final ChronicleHistory history = new ChronicleHistory(List.of(
            delivering("TARGET", OK, 20, 22, 24, 26),
            delivering("TWIN", OK, 20, 22, 24, 26),
            delivering("NEAR", ProjectOutcome.CHALLENGED, 21, 23, 25, 27),
            project("FAR", ProjectOutcome.FAILED,
                    new int[] {40, 30, 10, 12, 9},
                    new int[] {40, 18, 10, 12, 8},
                    new int[] {40, 12, 10, 12, 7},
                    new int[] {40, 8, 10, 12, 6}),
            project("BROKEN", OK, new int[] {20, 20, 10, 5, 0}, new int[] {0, 22, 10, 5, 0})));

    @Test
    void ranksCandidatesFromMostToLeastSimilar() {
        List<SimilarProject> similar = new SimilarityAnalyzer().findSimilarProjects("TARGET", history);

        assertEquals(List.of("TWIN", "NEAR", "FAR"), similar.stream().map(SimilarProject::projectId).toList());
        SimilarProject twin = similar.get(0);
        assertEquals(0.0, twin.featureDistance(), 1e-12);
        assertEquals(0.0, twin.velocityCurveDistance(), 1e-12);
        assertEquals(1.0, twin.similarityScore(), 1e-12);
        assertEquals(ProjectOutcome.CHALLENGED, similar.get(1).outcome());
        assertTrue(similar.get(1).similarityScore() > similar.get(2).similarityScore());
        assertTrue(similar.get(2).velocityCurveDistance() > similar.get(1).velocityCurveDistance());
    }

    @Test
    void keepsOnlyTheTopK() {
        List<SimilarProject> similar = new SimilarityAnalyzer(2).findSimilarProjects("TARGET", history);
        assertEquals(List.of("TWIN", "NEAR"), similar.stream().map(SimilarProject::projectId).toList());
    }

    @Test
    void aSprintWithoutPlannedPointsFailsTheAnalysisOfItsOwnProjectOnly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SimilarityAnalyzer().findSimilarProjects("BROKEN", history));
        assertEquals("corrupt sprint 2 in project BROKEN: 0 planned points, completion ratio undefined",
                e.getMessage());
    }

    @Test
    void refusesANonPositiveTopK() {
        assertThrows(IllegalArgumentException.class, () -> new SimilarityAnalyzer(0));
    }
}
