package io.perfweave.orchestrator.chronicle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plays a project out sprint by sprint from its {@link ProjectTraits}, the way a real team
 * behaves: it plans from its recent velocity, delivers what its capacity allows, and the outcome
 * follows (noisily) from how well that went.
 */
final class ProjectSimulator {

    /** Teams sometimes pull in a little extra work beyond the plan, but not much. */
    private static final double MAX_PULL_IN = 1.1;
    /** Chance that a sprint is shortened by public holidays. */
    private static final double SHORT_SPRINT_CHANCE = 0.06;
    /** Chance that someone joins or leaves before a sprint. */
    private static final double TEAM_CHANGE_CHANCE = 0.08;

    Project simulate(String projectId, String name, String domain, ProjectTraits traits, Random rng) {
        List<Sprint> sprints = new ArrayList<>(traits.sprintCount());
        int team = traits.teamSize();
        int usualDays = traits.sprintDays();
        double recentVelocity = team * usualDays * traits.pointsPerPersonDay();
        long plannedTotal = 0;
        long completedTotal = 0;
        long defectTotal = 0;

        for (int number = 1; number <= traits.sprintCount(); number++) {
            if (number > 1 && rng.nextDouble() < TEAM_CHANGE_CHANCE) {
                team = Math.max(2, team + (rng.nextBoolean() ? 1 : -1));
            }
            int duration = rng.nextDouble() < SHORT_SPRINT_CHANCE ? usualDays - 2 : usualDays;
            double growth = Math.max(0.2, 1 + traits.trendPerSprint() * (number - 1));
            double capacity = team * duration * traits.pointsPerPersonDay() * growth
                    * Math.max(0.1, 1 + traits.volatility() * rng.nextGaussian());
            int planned = Math.max(1, (int) Math.round(
                    recentVelocity * traits.overcommitment() * duration / usualDays));
            int completed = (int) Math.max(0, Math.min(Math.round(capacity), Math.round(planned * MAX_PULL_IN)));
            int defects = (int) Math.max(0, Math.round(
                    completed * traits.defectsPerPoint() * (1 + 0.4 * rng.nextGaussian())));
            sprints.add(new Sprint(number, planned, completed, duration, team, defects));

            // Teams plan the next sprint from a smoothed view of what they just delivered.
            recentVelocity = 0.6 * recentVelocity + 0.4 * ((double) completed * usualDays / duration);
            plannedTotal += planned;
            completedTotal += completed;
            defectTotal += defects;
        }

        double completionRatio = (double) completedTotal / plannedTotal;
        double defectRate = (double) defectTotal / Math.max(1, completedTotal);
        ProjectOutcome outcome = judge(completionRatio, defectRate, traits, rng);
        return new Project(projectId, name, domain, outcome, sprints);
    }

    /**
     * Stakeholders judge mostly on delivery and quality, reward improvement, dislike surprises,
     * and are never entirely predictable.
     */
    private static ProjectOutcome judge(double completionRatio, double defectRate, ProjectTraits traits, Random rng) {
        double score = 3.0 * (completionRatio - 0.85)
                - 4.0 * (defectRate - 0.12)
                + 10.0 * traits.trendPerSprint()
                - 1.5 * (traits.volatility() - 0.15)
                + 0.25 * rng.nextGaussian();
        if (score > 0.0) {
            return ProjectOutcome.SUCCESS;
        }
        return score > -0.4 ? ProjectOutcome.CHALLENGED : ProjectOutcome.FAILED;
    }
}
