package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.Sprint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Velocity trend (least-squares regression over the sprints) and volatility (coefficient of
 * variation) of a project, placed among all comparable projects of the chronicle.
 */
public class VelocityAnalyzer {

    /** Sprints that count as "recent" when planning the next one. */
    static final int RECENT_SPRINTS = 3;

    /** A trend below 2 % of the average velocity per sprint is noise rather than direction. */
    static final double STABLE_BAND = 0.02;

    public VelocityTrends analyzeVelocityTrends(String projectId, ChronicleHistory history) {
        Project project = history.require(projectId);
        double[] velocities = sprintVelocities(project);
        SeriesStatistics statistics = SeriesStatistics.of(velocities);
        LeastSquaresLine line = LeastSquaresLine.fit(velocities);
        double relativeSlope = relativeSlope(line, statistics);
        double volatility = statistics.coefficientOfVariation();

        // Where this project sits among all others: is its trend unusually good, its velocity
        // unusually erratic? Computed afresh from the chronicle, which may have changed.
        int compared = 0;
        double lowerTrend = 0;
        double lowerVolatility = 0;
        for (Project other : history.projects()) {
            if (!other.hasUsableHistory() || other.projectId().equals(projectId)) {
                continue;
            }
            double[] otherVelocities = sprintVelocities(other);
            SeriesStatistics otherStatistics = SeriesStatistics.of(otherVelocities);
            double otherSlope = relativeSlope(LeastSquaresLine.fit(otherVelocities), otherStatistics);
            lowerTrend += rankWeight(otherSlope, relativeSlope);
            lowerVolatility += rankWeight(otherStatistics.coefficientOfVariation(), volatility);
            compared++;
        }

        return new VelocityTrends(
                boxed(velocities),
                usualSprintDays(project),
                statistics.mean(),
                recentMean(velocities),
                line.slope(),
                relativeSlope,
                line.intercept(),
                line.rSquared(),
                direction(relativeSlope),
                volatility,
                Math.max(0.0, line.valueAt(velocities.length)),
                compared == 0 ? 50.0 : 100.0 * lowerTrend / compared,
                compared == 0 ? 50.0 : 100.0 * lowerVolatility / compared,
                compared);
    }

    /**
     * Completed points of each sprint, rescaled to the project's usual sprint length so that a
     * holiday-shortened sprint does not read as a slump. A non-positive duration cannot be
     * rescaled: that record is corrupt, and the analysis of this project fails on it.
     */
    static double[] sprintVelocities(Project project) {
        List<Sprint> sprints = project.sprints();
        for (Sprint sprint : sprints) {
            if (sprint.durationDays() <= 0) {
                throw new IllegalStateException("corrupt sprint " + sprint.number() + " in project "
                        + project.projectId() + ": duration " + sprint.durationDays() + " days");
            }
        }
        int usualDays = usualSprintDays(project);
        double[] velocities = new double[sprints.size()];
        for (int i = 0; i < velocities.length; i++) {
            Sprint sprint = sprints.get(i);
            velocities[i] = (double) sprint.completedPoints() * usualDays / sprint.durationDays();
        }
        return velocities;
    }

    /** The most common sprint length; on a tie, the one used most recently. */
    static int usualSprintDays(Project project) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Sprint sprint : project.sprints()) {
            counts.merge(sprint.durationDays(), 1, Integer::sum);
        }
        int highest = counts.values().stream().max(Integer::compare).orElseThrow();
        List<Sprint> sprints = project.sprints();
        for (int i = sprints.size() - 1; ; i--) {
            int days = sprints.get(i).durationDays();
            if (counts.get(days) == highest) {
                return days;
            }
        }
    }

    private static double relativeSlope(LeastSquaresLine line, SeriesStatistics statistics) {
        return statistics.mean() == 0 ? 0.0 : line.slope() / statistics.mean();
    }

    private static String direction(double relativeSlope) {
        if (relativeSlope > STABLE_BAND) {
            return "improving";
        }
        return relativeSlope < -STABLE_BAND ? "declining" : "stable";
    }

    /** Mid-rank counting: ties count half, so identical projects sit at the 50th percentile. */
    private static double rankWeight(double other, double value) {
        if (other < value) {
            return 1.0;
        }
        return other == value ? 0.5 : 0.0;
    }

    private static double recentMean(double[] velocities) {
        int from = Math.max(0, velocities.length - RECENT_SPRINTS);
        double sum = 0;
        for (int i = from; i < velocities.length; i++) {
            sum += velocities[i];
        }
        return sum / (velocities.length - from);
    }

    private static List<Double> boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
