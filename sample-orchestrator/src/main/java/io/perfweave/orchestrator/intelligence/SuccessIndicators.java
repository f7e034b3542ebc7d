package io.perfweave.orchestrator.intelligence;

import java.util.List;
import java.util.Map;

/**
 * What success looked like for projects like this one.
 *
 * @param similarProjectsConsidered how many similar projects the rates are based on
 * @param similarSuccessRate        share (0..1) of the similar projects that succeeded
 * @param baselineSuccessRate       share (0..1) of all comparable projects that succeeded
 * @param similarOutcomes           outcome counts among the similar projects
 * @param patterns                  features that separate successful projects, strongest first
 * @param projectAlignment          share (0..1) of those patterns on which the project is on the successful side
 */
public record SuccessIndicators(
        int similarProjectsConsidered,
        double similarSuccessRate,
        double baselineSuccessRate,
        Map<String, Integer> similarOutcomes,
        List<SuccessPattern> patterns,
        double projectAlignment) {
}
