package io.perfweave.orchestrator.chronicle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chronicle: every project the organisation has run, in a fixed order.
 *
 * <p>Immutable once built, so any number of request threads can read it without locking.
 */
public final class ChronicleHistory {

    private final List<Project> projects;
    private final Map<String, Project> projectsById;

    public ChronicleHistory(List<Project> projects) {
        Map<String, Project> byId = new LinkedHashMap<>();
        for (Project project : projects) {
            if (byId.putIfAbsent(project.projectId(), project) != null) {
                throw new IllegalArgumentException("duplicate project_id " + project.projectId());
            }
        }
        this.projects = List.copyOf(projects);
        this.projectsById = Collections.unmodifiableMap(byId);
    }

    public List<Project> projects() {
        return projects;
    }

    public int size() {
        return projects.size();
    }

    public Optional<Project> find(String projectId) {
        return Optional.ofNullable(projectsById.get(projectId));
    }

    /** The project with this id; an {@link UnknownProjectException} when there is none. */
    public Project require(String projectId) {
        Project project = projectsById.get(projectId);
        if (project == null) {
            throw new UnknownProjectException(projectId);
        }
        return project;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChronicleHistory history && projects.equals(history.projects);
    }

    @Override
    public int hashCode() {
        return projects.hashCode();
    }
}
