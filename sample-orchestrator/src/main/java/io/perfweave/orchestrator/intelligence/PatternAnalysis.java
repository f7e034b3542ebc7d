package io.perfweave.orchestrator.intelligence;

import java.util.List;

/** Everything the pattern engine learned about one project. */
public record PatternAnalysis(
        String projectId,
        List<SimilarProject> similarProjects,
        VelocityTrends velocityTrends,
        SuccessIndicators successIndicators,
        InsightsSummary insightsSummary) {
}
