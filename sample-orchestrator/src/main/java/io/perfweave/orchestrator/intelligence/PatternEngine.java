package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pattern recognition over the chronicle: similar projects, velocity trend, what success looked
 * like, and a summary of it all. Every call works from the chronicle as it is now; nothing is
 * remembered between calls.
 */
public class PatternEngine {

    /** Volatility (coefficient of variation) above which planning to the average is risky. */
    public static final double HIGH_VOLATILITY = 0.3;

    /** How far below the chronicle's success rate the similar projects must be to worry. */
    public static final double SUCCESS_RATE_GAP = 0.15;

    private final SimilarityAnalyzer similarityAnalyzer;
    private final VelocityAnalyzer velocityAnalyzer;
    private final SuccessPatternDetector successDetector;

    public PatternEngine() {
        this(new SimilarityAnalyzer(), new VelocityAnalyzer(), new SuccessPatternDetector());
    }

    public PatternEngine(SimilarityAnalyzer similarityAnalyzer, VelocityAnalyzer velocityAnalyzer,
                         SuccessPatternDetector successDetector) {
        this.similarityAnalyzer = similarityAnalyzer;
        this.velocityAnalyzer = velocityAnalyzer;
        this.successDetector = successDetector;
    }

    public PatternAnalysis analyzeProjectPatterns(String projectId, ChronicleHistory history) {
        List<SimilarProject> similarProjects = similarityAnalyzer.findSimilarProjects(projectId, history);
        VelocityTrends velocityTrends = velocityAnalyzer.analyzeVelocityTrends(projectId, history);
        SuccessIndicators successIndicators =
                successDetector.identifySuccessPatterns(projectId, similarProjects, history);
        InsightsSummary insightsSummary =
                generateInsightsSummary(projectId, similarProjects, velocityTrends, successIndicators);
        return new PatternAnalysis(projectId, similarProjects, velocityTrends, successIndicators, insightsSummary);
    }

    public InsightsSummary generateInsightsSummary(
            String projectId, List<SimilarProject> similarProjects,
            VelocityTrends velocity, SuccessIndicators success) {
        List<String> insights = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();

        insights.add(format("Velocity is %s (%+.1f points per sprint, r² %.2f); next sprint forecast: %.0f points.",
                velocity.trendDirection(), velocity.slopePerSprint(), velocity.rSquared(),
                velocity.forecastNextSprint()));
        insights.add(format("Velocity volatility %.2f is higher than in %.0f%% of comparable projects.",
                velocity.volatility(), velocity.volatilityPercentile()));
        if (!similarProjects.isEmpty()) {
            insights.add(format("%d of the %d most similar projects succeeded (%.0f%%, against %.0f%% across the chronicle).",
                    success.similarOutcomes().getOrDefault("success", 0), similarProjects.size(),
                    100 * success.similarSuccessRate(), 100 * success.baselineSuccessRate()));
        }
        for (SuccessPattern pattern : success.patterns().subList(0, Math.min(2, success.patterns().size()))) {
            insights.add(format("Successful projects have %s %s (%.2f against %.2f); this project: %.2f.",
                    pattern.effectSize() > 0 ? "higher" : "lower", readable(pattern.feature()),
                    pattern.successfulMean(), pattern.unsuccessfulMean(), pattern.projectValue()));
            if (!pattern.projectOnSuccessfulSide()) {
                recommendations.add(format("Bring %s towards %.2f, where successful projects are.",
                        readable(pattern.feature()), pattern.successfulMean()));
            }
        }

        if ("declining".equals(velocity.trendDirection())) {
            recommendations.add("Find the cause of the velocity decline before committing more scope.");
        }
        if (velocity.volatility() > HIGH_VOLATILITY) {
            recommendations.add("Plan to the lower end of recent velocity until it steadies.");
        }
        if (success.similarProjectsConsidered() > 0
                && success.similarSuccessRate() < success.baselineSuccessRate() - SUCCESS_RATE_GAP) {
            recommendations.add("Review what the similar projects that struggled had in common.");
        }
        if (recommendations.isEmpty()) {
            recommendations.add("Keep the current course: the project looks like those that succeeded.");
        }

        String headline = format("%s: %s velocity, %.0f%% of similar projects succeeded",
                projectId, velocity.trendDirection(), 100 * success.similarSuccessRate());
        return new InsightsSummary(headline, insights, recommendations, confidence(similarProjects));
    }

    /**
     * Similar projects are a good guide when there are enough of them and they really are alike:
     * mean similarity, scaled down when fewer than the usual number were found.
     */
    private static double confidence(List<SimilarProject> similarProjects) {
        if (similarProjects.isEmpty()) {
            return 0.0;
        }
        double meanSimilarity = similarProjects.stream().mapToDouble(SimilarProject::similarityScore).average().orElse(0);
        double coverage = Math.min(1.0, (double) similarProjects.size() / SimilarityAnalyzer.DEFAULT_TOP_K);
        return meanSimilarity * coverage;
    }

    private static String readable(String feature) {
        return feature.replace('_', ' ');
    }

    private static String format(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }
}
