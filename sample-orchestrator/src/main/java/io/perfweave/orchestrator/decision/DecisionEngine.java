package io.perfweave.orchestrator.decision;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.Sprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The orchestrator's baseline judgement: a sprint commitment from recent velocity and the risk
 * flags any scrum master would raise, from the project's own sprints alone.
 */
public class DecisionEngine {

    /** Sprints that count as "recent" when planning the next one. */
    static final int RECENT_SPRINTS = 3;
    /** Below this share of planned work delivered, the team is over-committing. */
    static final double COMMITMENT_SHORTFALL = 0.85;
    /** How much to trim the commitment of a team that over-commits. */
    static final double SHORTFALL_TRIM = 0.9;
    static final double LOW_COMPLETION = 0.8;
    static final double VERY_LOW_COMPLETION = 0.7;
    /** Defects per completed point above which quality is a risk. */
    static final double HIGH_DEFECT_RATE = 0.25;
    /** A last sprint below this share of the ones before it is a drop, not noise. */
    static final double VELOCITY_DROP = 0.75;
    static final int TEAM_CHANGE = 2;

    protected final ChronicleHistory history;

    public DecisionEngine(ChronicleHistory history) {
        this.history = history;
    }

    public OrchestrationDecision makeOrchestrationDecision(ProjectData projectData) {
        Project project = history.require(projectData.projectId());
        ProjectAnalysis analysis = analyzeProject(project);
        return new OrchestrationDecision(project.projectId(), projectData.action(), false,
                analysis, baselineDecisions(analysis), null);
    }

    protected ProjectAnalysis analyzeProject(Project project) {
        List<Sprint> sprints = project.sprints();
        long planned = 0;
        long completed = 0;
        long defects = 0;
        for (Sprint sprint : sprints) {
            planned += sprint.plannedPoints();
            completed += sprint.completedPoints();
            defects += sprint.defects();
        }
        return new ProjectAnalysis(
                sprints.size(),
                project.latestSprint().teamSize(),
                sprints.get(0).teamSize(),
                (double) completed / sprints.size(),
                meanCompleted(sprints, sprints.size() - RECENT_SPRINTS, sprints.size()),
                project.latestSprint().completedPoints(),
                meanCompleted(sprints, sprints.size() - 1 - RECENT_SPRINTS, sprints.size() - 1),
                planned <= 0 ? 0.0 : (double) completed / planned,
                completed == 0 ? 0.0 : (double) defects / completed);
    }

    protected Decisions baselineDecisions(ProjectAnalysis analysis) {
        List<RiskFlag> flags = riskFlags(analysis);
        List<String> recommendations = new ArrayList<>();
        for (RiskFlag flag : flags) {
            recommendations.add(recommendationFor(flag));
        }
        if (recommendations.isEmpty()) {
            recommendations.add("Continue with the current sprint cadence.");
        }
        return new Decisions(sprintPlan(analysis), flags, recommendations);
    }

    private static SprintPlan sprintPlan(ProjectAnalysis analysis) {
        String basis = format("mean of the last %d sprints (%.1f points)",
                Math.min(RECENT_SPRINTS, analysis.sprintCount()), analysis.recentVelocity());
        double points = analysis.recentVelocity();
        if (analysis.completionRatio() < COMMITMENT_SHORTFALL) {
            points *= SHORTFALL_TRIM;
            basis += format(", trimmed by %.0f%% because only %.0f%% of planned points were completed",
                    100 * (1 - SHORTFALL_TRIM), 100 * analysis.completionRatio());
        }
        return new SprintPlan((int) Math.round(points), basis);
    }

    private static List<RiskFlag> riskFlags(ProjectAnalysis analysis) {
        List<RiskFlag> flags = new ArrayList<>();
        if (analysis.completionRatio() < LOW_COMPLETION) {
            flags.add(new RiskFlag("LOW_COMPLETION_RATIO",
                    analysis.completionRatio() < VERY_LOW_COMPLETION ? "high" : "medium",
                    format("%.0f%% of planned points completed", 100 * analysis.completionRatio())));
        }
        if (analysis.defectRate() > HIGH_DEFECT_RATE) {
            flags.add(new RiskFlag("HIGH_DEFECT_RATE", "medium",
                    format("%.2f defects per completed point", analysis.defectRate())));
        }
        if (analysis.sprintCount() >= 2 && analysis.lastSprintVelocity() < VELOCITY_DROP * analysis.previousVelocity()) {
            flags.add(new RiskFlag("VELOCITY_DROP", "medium",
                    format("last sprint %.0f points against %.1f before it",
                            analysis.lastSprintVelocity(), analysis.previousVelocity())));
        }
        if (Math.abs(analysis.currentTeamSize() - analysis.initialTeamSize()) >= TEAM_CHANGE) {
            flags.add(new RiskFlag("TEAM_SIZE_CHANGE", "low",
                    format("team went from %d to %d people", analysis.initialTeamSize(), analysis.currentTeamSize())));
        }
        return flags;
    }

    protected String recommendationFor(RiskFlag flag) {
        return switch (flag.code()) {
            case "LOW_COMPLETION_RATIO" -> "Commit to less than planned until the team delivers what it plans.";
            case "HIGH_DEFECT_RATE" -> "Reserve capacity for defect fixing and strengthen the definition of done.";
            case "VELOCITY_DROP" -> "Check for blockers or absences behind the last sprint's drop.";
            case "TEAM_SIZE_CHANGE" -> "Re-estimate capacity for the new team size.";
            default -> "Review " + flag.code().toLowerCase(Locale.ROOT).replace('_', ' ') + ".";
        };
    }

    private static double meanCompleted(List<Sprint> sprints, int from, int to) {
        int start = Math.max(0, from);
        if (start >= to) {
            return 0.0;
        }
        double sum = 0;
        for (int i = start; i < to; i++) {
            sum += sprints.get(i).completedPoints();
        }
        return sum / (to - start);
    }

    static String format(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }
}
