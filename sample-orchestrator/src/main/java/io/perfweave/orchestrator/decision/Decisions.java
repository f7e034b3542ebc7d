package io.perfweave.orchestrator.decision;

import java.util.List;

/** What the orchestrator recommends for the project's next sprint. */
public record Decisions(SprintPlan sprintPlan, List<RiskFlag> riskFlags, List<String> recommendations) {

    public Decisions {
        riskFlags = List.copyOf(riskFlags);
        recommendations = List.copyOf(recommendations);
    }
}
