package io.perfweave.orchestrator.chronicle;

import java.util.List;
import java.util.Objects;

/** A project and its sprint history, oldest sprint first. */
public record Project(
        String projectId,
        String name,
        String domain,
        ProjectOutcome outcome,
        List<Sprint> sprints) {

    public Project {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a project needs a non-blank project_id");
        }
        Objects.requireNonNull(outcome, () -> "project " + projectId + " has no outcome");
        if (sprints == null || sprints.isEmpty()) {
            throw new IllegalArgumentException("project " + projectId + " has no sprints");
        }
        name = name == null ? projectId : name;
        domain = domain == null ? "unknown" : domain;
        sprints = List.copyOf(sprints);
    }

    /**
     * Whether this project can serve as a point of comparison for others: at least two sprints
     * (so there is a trend) and nothing impossible in any of them.
     */
    public boolean hasUsableHistory() {
        return sprints.size() >= 2 && sprints.stream().allMatch(Sprint::isPlausible);
    }

    public Sprint latestSprint() {
        return sprints.get(sprints.size() - 1);
    }
}
