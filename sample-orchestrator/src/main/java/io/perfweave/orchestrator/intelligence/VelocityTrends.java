package io.perfweave.orchestrator.intelligence;

import java.util.List;

/**
 * How a project's velocity has moved over its sprints.
 *
 * @param sprintVelocities      completed points per sprint, rescaled to the project's usual sprint length
 * @param slopePerSprint        least-squares change in velocity per sprint
 * @param relativeSlope         slope as a share of the average velocity, comparable across projects
 * @param rSquared              how well the straight line explains the velocities
 * @param trendDirection        {@code improving}, {@code declining} or {@code stable}
 * @param volatility            coefficient of variation of the velocities
 * @param forecastNextSprint    the trend line extended one sprint ahead (never below 0)
 * @param trendPercentile       share of comparable projects (in %) whose relative slope is lower
 * @param volatilityPercentile  share of comparable projects (in %) that are less volatile
 * @param comparedProjects      how many comparable projects the percentiles are based on
 */
public record VelocityTrends(
        List<Double> sprintVelocities,
        int usualSprintDays,
        double averageVelocity,
        double recentVelocity,
        double slopePerSprint,
        double relativeSlope,
        double intercept,
        double rSquared,
        String trendDirection,
        double volatility,
        double forecastNextSprint,
        double trendPercentile,
        double volatilityPercentile,
        int comparedProjects) {
}
