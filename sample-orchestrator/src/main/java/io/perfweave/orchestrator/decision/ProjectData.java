package io.perfweave.orchestrator.decision;

import java.util.Objects;

/** A request to orchestrate one project: which project, what to do, and how. */
public record ProjectData(String projectId, String action, OrchestrationOptions options) {

    public static final String ANALYZE_AND_ORCHESTRATE = "analyze_and_orchestrate";

    public ProjectData {
        Objects.requireNonNull(projectId, "projectId");
        action = action == null ? ANALYZE_AND_ORCHESTRATE : action;
        options = options == null ? OrchestrationOptions.DEFAULTS : options;
    }

    public ProjectData(String projectId, boolean enablePatternRecognition) {
        this(projectId, ANALYZE_AND_ORCHESTRATE, new OrchestrationOptions(enablePatternRecognition));
    }

    /** Bean-style accessor, for tools that read request objects by getter. */
    public String getProjectId() {
        return projectId;
    }
}
