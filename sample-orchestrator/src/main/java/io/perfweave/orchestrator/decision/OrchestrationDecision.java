package io.perfweave.orchestrator.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.perfweave.orchestrator.intelligence.PatternAnalysis;

/**
 * The orchestrator's answer for one project.
 *
 * @param patternInsights the full pattern analysis; absent when pattern recognition was off
 */
public record OrchestrationDecision(
        String projectId,
        String action,
        boolean patternRecognitionEnabled,
        ProjectAnalysis analysis,
        Decisions decisions,
        @JsonInclude(JsonInclude.Include.NON_NULL) PatternAnalysis patternInsights) {
}
