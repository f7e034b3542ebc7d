package io.perfweave.orchestrator.decision;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.intelligence.PatternAnalysis;
import io.perfweave.orchestrator.intelligence.PatternEngine;
import io.perfweave.orchestrator.intelligence.SuccessIndicators;
import io.perfweave.orchestrator.intelligence.VelocityTrends;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline decisions, refined by what the chronicle's other projects teach when pattern
 * recognition is on: the commitment follows the velocity trend, and risks visible only by
 * comparison (volatility, a decline, look-alikes that struggled) are flagged.
 */
public class EnhancedDecisionEngine extends DecisionEngine {

    /** Fewer similar projects than this say too little about success rates. */
    static final int MIN_SIMILAR_FOR_RATES = 5;

    private final PatternEngine patternEngine;

    public EnhancedDecisionEngine(ChronicleHistory history) {
        this(history, new PatternEngine());
    }

    public EnhancedDecisionEngine(ChronicleHistory history, PatternEngine patternEngine) {
        super(history);
        this.patternEngine = patternEngine;
    }

    @Override
    public OrchestrationDecision makeOrchestrationDecision(ProjectData projectData) {
        Project project = history.require(projectData.projectId());
        ProjectAnalysis analysis = analyzeProject(project);
        Decisions baseline = baselineDecisions(analysis);
        if (!projectData.options().enablePatternRecognition()) {
            return new OrchestrationDecision(project.projectId(), projectData.action(), false,
                    analysis, baseline, null);
        }
        PatternAnalysis patterns = patternEngine.analyzeProjectPatterns(project.projectId(), history);
        return new OrchestrationDecision(project.projectId(), projectData.action(), true,
                analysis, refine(baseline, patterns), patterns);
    }

    private Decisions refine(Decisions baseline, PatternAnalysis patterns) {
        VelocityTrends velocity = patterns.velocityTrends();
        SuccessIndicators success = patterns.successIndicators();

        List<RiskFlag> flags = new ArrayList<>(baseline.riskFlags());
        if (velocity.volatility() > PatternEngine.HIGH_VOLATILITY) {
            flags.add(new RiskFlag("HIGH_VELOCITY_VOLATILITY", "medium",
                    format("coefficient of variation %.2f, above %.0f%% of comparable projects",
                            velocity.volatility(), velocity.volatilityPercentile())));
        }
        if ("declining".equals(velocity.trendDirection())) {
            flags.add(new RiskFlag("DECLINING_VELOCITY", "high",
                    format("%.1f points per sprint (r² %.2f)", velocity.slopePerSprint(), velocity.rSquared())));
        }
        if (success.similarProjectsConsidered() >= MIN_SIMILAR_FOR_RATES
                && success.similarSuccessRate() < success.baselineSuccessRate() - PatternEngine.SUCCESS_RATE_GAP) {
            flags.add(new RiskFlag("SIMILAR_PROJECTS_STRUGGLED", "medium",
                    format("%.0f%% of similar projects succeeded, %.0f%% across the chronicle",
                            100 * success.similarSuccessRate(), 100 * success.baselineSuccessRate())));
        }

        List<String> recommendations = new ArrayList<>(baseline.recommendations());
        recommendations.addAll(patterns.insightsSummary().recommendations());
        return new Decisions(sprintPlan(baseline.sprintPlan(), velocity), flags, recommendations);
    }

    /**
     * Recent velocity looks backwards, the trend line forwards: the plan takes the middle of the
     * two, or the lower one when velocity is too erratic for an average to be trusted.
     */
    private static SprintPlan sprintPlan(SprintPlan baseline, VelocityTrends velocity) {
        double forecast = velocity.forecastNextSprint();
        if (velocity.volatility() > PatternEngine.HIGH_VOLATILITY) {
            int points = (int) Math.round(Math.min(baseline.recommendedPoints(), forecast));
            return new SprintPlan(points, baseline.basis()
                    + format("; lower of that and the trend forecast (%.1f points) because velocity is volatile", forecast));
        }
        int points = (int) Math.round((baseline.recommendedPoints() + forecast) / 2);
        return new SprintPlan(points, baseline.basis()
                + format("; averaged with the trend forecast (%.1f points)", forecast));
    }
}
