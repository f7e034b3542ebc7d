package io.perfweave.orchestrator.intelligence;

import java.util.List;

/**
 * The pattern analysis in words, for the people planning the next sprint.
 *
 * @param confidence 0..1: how much the similar projects are worth as a guide (how many, how alike)
 */
public record InsightsSummary(
        String headline,
        List<String> keyInsights,
        List<String> recommendations,
        double confidence) {
}
