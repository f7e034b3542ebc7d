package io.perfweave.orchestrator.chronicle;

/** Thrown when a project id is not in the chronicle. */
public class UnknownProjectException extends RuntimeException {

    private final String projectId;

    public UnknownProjectException(String projectId) {
        super("project " + projectId + " not found");
        this.projectId = projectId;
    }

    public String projectId() {
        return projectId;
    }
}
