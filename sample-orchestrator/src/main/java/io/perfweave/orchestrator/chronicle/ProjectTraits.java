package io.perfweave.orchestrator.chronicle;

import java.util.Random;

/**
 * The hidden character of a simulated project: what its team is like and how it tends to work.
 * The generator turns traits into a sprint history; the analyses only ever see the history.
 *
 * @param teamSize           people at the start
 * @param sprintDays         the project's usual sprint length in working days
 * @param sprintCount        how many sprints the project ran
 * @param pointsPerPersonDay the team's underlying productivity
 * @param trendPerSprint     relative change of productivity per sprint (0.02 = +2 % a sprint)
 * @param volatility         relative spread of sprint-to-sprint capacity
 * @param overcommitment     how much more than its recent velocity the team plans
 * @param defectsPerPoint    defects found per completed story point
 */
public record ProjectTraits(
        int teamSize,
        int sprintDays,
        int sprintCount,
        double pointsPerPersonDay,
        double trendPerSprint,
        double volatility,
        double overcommitment,
        double defectsPerPoint) {

    private static final int[] SPRINT_LENGTHS = {5, 10, 10, 10, 15};

    /** Traits drawn from ranges typical of the teams in the original service's data. */
    public static ProjectTraits random(Random rng) {
        return new ProjectTraits(
                3 + rng.nextInt(10),
                SPRINT_LENGTHS[rng.nextInt(SPRINT_LENGTHS.length)],
                8 + rng.nextInt(17),
                0.5 + rng.nextDouble() * 0.9,
                rng.nextGaussian() * 0.02,
                0.05 + rng.nextDouble() * 0.25,
                1.0 + rng.nextDouble() * 0.3,
                0.02 + rng.nextDouble() * 0.25);
    }
}
