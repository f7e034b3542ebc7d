package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.perfweave.orchestrator.SampleProjects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessPatternDetectorTest {

    private final SuccessPatternDetector detector = new SuccessPatternDetector();

    /**
     * Four comparable projects that differ only in how much of the plan they delivered: the two
     * successful ones all of it, the two failed ones half. The target delivered 90 %.
     */
    private final ChronicleHistory history = new ChronicleHistory(List.of(
            planning("S1", ProjectOutcome.SUCCESS, 10),
            planning("S2", ProjectOutcome.SUCCESS, 10),
            planning("F1", ProjectOutcome.FAILED, 20),
            planning("F2", ProjectOutcome.FAILED, 20),
            project("TARGET", ProjectOutcome.CHALLENGED, new int[] {10, 9, 10, 5, 0}, new int[] {10, 9, 10, 5, 0})));

    @Test
    void findsTheFeatureThatSeparatesSuccessAndWhereTheProjectStands() {
        List<SimilarProject> similar = List.of(similar("S1", ProjectOutcome.SUCCESS),
                similar("F1", ProjectOutcome.FAILED), similar("F2", ProjectOutcome.FAILED));
        SuccessIndicators indicators = detector.identifySuccessPatterns("TARGET", similar, history);

        assertEquals(3, indicators.similarProjectsConsidered());
        assertEquals(1.0 / 3, indicators.similarSuccessRate(), 1e-12);
        assertEquals(0.5, indicators.baselineSuccessRate(), 1e-12);
        assertEquals(Map.of("success", 1, "challenged", 0, "failed", 2), indicators.similarOutcomes());

        // Only the completion ratio varies; the others are the same everywhere and say nothing.
        assertEquals(1, indicators.patterns().size());
        SuccessPattern pattern = indicators.patterns().get(0);
        assertEquals("completion_ratio", pattern.feature());
        assertEquals(1.0, pattern.successfulMean(), 1e-12);
        assertEquals(0.5, pattern.unsuccessfulMean(), 1e-12);
        // population {1, 1, 0.5, 0.5}: standard deviation 0.25, so (1 - 0.5) / 0.25 = 2
        assertEquals(2.0, pattern.effectSize(), 1e-12);
        assertEquals(1.0, pattern.similarSuccessfulMean(), 1e-12);
        assertEquals(0.9, pattern.projectValue(), 1e-12);
        assertTrue(pattern.projectOnSuccessfulSide());
        assertEquals(1.0, indicators.projectAlignment(), 1e-12);
    }

    @Test
    void withoutBothSuccessAndFailureThereIsNoPatternToLearn() {
        ChronicleHistory allSucceeded = new ChronicleHistory(List.of(
                planning("S1", ProjectOutcome.SUCCESS, 10),
                planning("S2", ProjectOutcome.SUCCESS, 20),
                planning("TARGET", ProjectOutcome.SUCCESS, 12)));
        SuccessIndicators indicators = detector.identifySuccessPatterns("TARGET", List.of(), allSucceeded);
        assertEquals(1.0, indicators.baselineSuccessRate(), 1e-12);
        assertEquals(0.0, indicators.similarSuccessRate(), 1e-12);
        assertTrue(indicators.patterns().isEmpty());
        assertEquals(0.0, indicators.projectAlignment(), 1e-12);
    }

    @Test
    void negligibleDifferencesAreNotReportedAsPatterns() {
        // Completion ratios 1.0, 0.5 (success) and 1.0, 0.5 (failure): identical means.
        ChronicleHistory noSignal = new ChronicleHistory(List.of(
                planning("S1", ProjectOutcome.SUCCESS, 10),
                planning("S2", ProjectOutcome.SUCCESS, 20),
                planning("F1", ProjectOutcome.FAILED, 10),
                planning("F2", ProjectOutcome.FAILED, 20),
                planning("TARGET", ProjectOutcome.SUCCESS, 10)));
        assertTrue(detector.identifySuccessPatterns("TARGET", List.of(), noSignal).patterns().isEmpty());
    }

    /** Two 10-point sprints delivered by five people without defects, against a plan of {@code planned}. */
    private static Project planning(String id, ProjectOutcome outcome, int planned) {
        return project(id, outcome, new int[] {planned, 10, 10, 5, 0}, new int[] {planned, 10, 10, 5, 0});
    }

    private static SimilarProject similar(String id, ProjectOutcome outcome) {
        return new SimilarProject(id, id, "testing", outcome, 0.5, 1.0, 0.0);
    }
}
