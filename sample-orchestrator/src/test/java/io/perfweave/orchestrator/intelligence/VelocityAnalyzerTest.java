package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import io.perfweave.orchestrator.chronicle.UnknownProjectException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.perfweave.orchestrator.SampleProjects.delivering;
import static io.perfweave.orchestrator.SampleProjects.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VelocityAnalyzerTest {

    private static final ProjectOutcome OK = ProjectOutcome.SUCCESS;

    private final VelocityAnalyzer analyzer = new VelocityAnalyzer();

    @Test
    void trendIsTheRegressionSlopeAndVolatilityTheCoefficientOfVariation() {
        ChronicleHistory history = new ChronicleHistory(List.of(delivering("T", OK, 10, 12, 14, 16)));
        VelocityTrends trends = analyzer.analyzeVelocityTrends("T", history);

        assertEquals(List.of(10.0, 12.0, 14.0, 16.0), trends.sprintVelocities());
        assertEquals(13.0, trends.averageVelocity(), 1e-12);
        assertEquals(14.0, trends.recentVelocity(), 1e-12); // last three: 12, 14, 16
        assertEquals(2.0, trends.slopePerSprint(), 1e-12);
        assertEquals(10.0, trends.intercept(), 1e-12);
        assertEquals(1.0, trends.rSquared(), 1e-12);
        assertEquals(2.0 / 13, trends.relativeSlope(), 1e-12);
        assertEquals("improving", trends.trendDirection());
        // population variance (9 + 1 + 1 + 9) / 4 = 5
        assertEquals(Math.sqrt(5) / 13, trends.volatility(), 1e-12);
        assertEquals(18.0, trends.forecastNextSprint(), 1e-12);
    }

    @Test
    void shortenedSprintsAreRescaledToTheUsualLength() {
        ChronicleHistory history = new ChronicleHistory(List.of(project("T", OK,
                new int[] {20, 20, 10, 5, 0},
                new int[] {20, 20, 10, 5, 0},
                new int[] {12, 10, 5, 5, 0},
                new int[] {20, 20, 10, 5, 0})));
        VelocityTrends trends = analyzer.analyzeVelocityTrends("T", history);
        assertEquals(10, trends.usualSprintDays());
        assertEquals(List.of(20.0, 20.0, 20.0, 20.0), trends.sprintVelocities());
        assertEquals(0.0, trends.slopePerSprint(), 1e-12);
        assertEquals(0.0, trends.volatility(), 1e-12);
        assertEquals("stable", trends.trendDirection());
    }

    @Test
    void placesTheProjectAmongComparableProjects() {
        ChronicleHistory history = new ChronicleHistory(List.of(
                delivering("T", OK, 10, 11, 12, 13),    // relative slope 1/11.5, CV 0.097
                delivering("UP", OK, 10, 15, 20, 25),   // steeper, CV 0.319
                delivering("FLAT", OK, 10, 10, 10, 10), // flat, CV 0
                delivering("DOWN", OK, 20, 15, 10, 5),  // declining, CV 0.447
                project("BROKEN", OK, new int[] {10, 10, 10, 5, 0}, new int[] {10, 10, -1, 5, 0})));
        VelocityTrends trends = analyzer.analyzeVelocityTrends("T", history);
        assertEquals(3, trends.comparedProjects()); // BROKEN cannot be compared and is left out
        assertEquals(100.0 * 2 / 3, trends.trendPercentile(), 1e-9);
        assertEquals(100.0 / 3, trends.volatilityPercentile(), 1e-9);

        assertEquals("declining", analyzer.analyzeVelocityTrends("DOWN", history).trendDirection());
        assertEquals(50.0, analyzer.analyzeVelocityTrends("FLAT", new ChronicleHistory(List.of(
                delivering("FLAT", OK, 10, 10), delivering("SAME", OK, 20, 20)))).trendPercentile(), 1e-12);
    }

    @Test
    void usualSprintLengthIsTheMostCommonPreferringTheLatest() {
        assertEquals(5, VelocityAnalyzer.usualSprintDays(project("A", OK,
                new int[] {1, 1, 5, 1, 0}, new int[] {1, 1, 10, 1, 0}, new int[] {1, 1, 10, 1, 0}, new int[] {1, 1, 5, 1, 0})));
        assertEquals(10, VelocityAnalyzer.usualSprintDays(project("B", OK,
                new int[] {1, 1, 10, 1, 0}, new int[] {1, 1, 10, 1, 0}, new int[] {1, 1, 8, 1, 0})));
    }

    @Test
    void aSprintWithANegativeDurationFailsTheAnalysisOfItsProject() {
        ChronicleHistory history = new ChronicleHistory(List.of(project("CORRUPT-9", OK,
                new int[] {10, 10, 10, 5, 0}, new int[] {10, 9, -5, 5, 0})));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> analyzer.analyzeVelocityTrends("CORRUPT-9", history));
        assertEquals("corrupt sprint 2 in project CORRUPT-9: duration -5 days", e.getMessage());
    }

    @Test
    void anUnknownProjectIsReportedAsSuch() {
        ChronicleHistory history = new ChronicleHistory(List.of(delivering("T", OK, 1, 2)));
        assertThrows(UnknownProjectException.class, () -> analyzer.analyzeVelocityTrends("NOPE", history));
    }
}
