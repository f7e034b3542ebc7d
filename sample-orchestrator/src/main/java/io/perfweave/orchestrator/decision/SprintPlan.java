package io.perfweave.orchestrator.decision;

/** How many points to commit to in the next sprint, and why. */
public record SprintPlan(int recommendedPoints, String basis) {
}
