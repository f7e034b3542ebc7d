package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ProjectOutcome;

/**
 * A past project that resembles the one being analysed.
 *
 * @param similarityScore       1 / (1 + combined distance): 1 for an identical project, towards 0 for unlike ones
 * @param featureDistance       weighted distance between the standardised features
 * @param velocityCurveDistance time-warped distance between the velocity curves' shapes
 */
public record SimilarProject(
        String projectId,
        String name,
        String domain,
        ProjectOutcome outcome,
        double similarityScore,
        double featureDistance,
        double velocityCurveDistance) {
}
