package io.perfweave.orchestrator.intelligence;

import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import io.perfweave.orchestrator.chronicle.Sprint;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pattern analyses compare between projects: a handful of scale-free features and the
 * shape of the velocity curve.
 */
final class ProjectProfile {

    /** Feature names, in the order of {@link #features()}; also the names shown to users. */
    static final List<String> FEATURE_NAMES = List.of(
            "velocity_per_person", "completion_ratio", "team_size", "defect_rate", "velocity_volatility");

    /** Velocity curves are compared at a fixed resolution so long and short projects align. */
    static final int SHAPE_POINTS = 32;

    private final Project project;
    private final double[] features;
    private final double[] velocityShape;

    private ProjectProfile(Project project, double[] features, double[] velocityShape) {
        this.project = project;
        this.features = features;
        this.velocityShape = velocityShape;
    }

    /**
     * Profiles a project. A sprint with no planned points makes the completion ratio undefined;
     * that is corrupt data, and the caller asking about this project must hear about it.
     */
    static ProjectProfile of(Project project) {
        List<Sprint> sprints = project.sprints();
        int n = sprints.size();
        double[] completed = new double[n];
        double velocityPerPerson = 0;
        double completionRatio = 0;
        double teamSize = 0;
        long defects = 0;
        long completedTotal = 0;
        for (int i = 0; i < n; i++) {
            Sprint sprint = sprints.get(i);
            if (sprint.plannedPoints() <= 0) {
                throw new IllegalStateException("corrupt sprint " + sprint.number() + " in project "
                        + project.projectId() + ": " + sprint.plannedPoints()
                        + " planned points, completion ratio undefined");
            }
            completed[i] = sprint.completedPoints();
            velocityPerPerson += (double) sprint.completedPoints() / Math.max(1, sprint.teamSize());
            completionRatio += (double) sprint.completedPoints() / sprint.plannedPoints();
            teamSize += sprint.teamSize();
            defects += sprint.defects();
            completedTotal += sprint.completedPoints();
        }
        SeriesStatistics velocity = SeriesStatistics.of(completed);
        double[] features = {
            velocityPerPerson / n,
            completionRatio / n,
            teamSize / n,
            (double) defects / Math.max(1, completedTotal),
            velocity.coefficientOfVariation()
        };
        return new ProjectProfile(project, features, shapeOf(completed, velocity.mean()));
    }

    /**
     * Profiles of every project the given one can be compared with: all projects with a usable
     * history except itself. Damaged records are left out here, so that one bad project cannot
     * break the analysis of every other project.
     */
    static List<ProjectProfile> ofComparableProjects(ChronicleHistory history, String excludedProjectId) {
        List<ProjectProfile> profiles = new ArrayList<>(history.size());
        for (Project project : history.projects()) {
            if (project.hasUsableHistory() && !project.projectId().equals(excludedProjectId)) {
                profiles.add(of(project));
            }
        }
        return profiles;
    }

    Project project() {
        return project;
    }

    ProjectOutcome outcome() {
        return project.outcome();
    }

    /** The scalar features in the order of {@link #FEATURE_NAMES}; callers must not modify it. */
    double[] features() {
        return features;
    }

    double feature(int index) {
        return features[index];
    }

    /** Velocity relative to the project's own mean, resampled to {@link #SHAPE_POINTS} points. */
    double[] velocityShape() {
        return velocityShape;
    }

    private static double[] shapeOf(double[] completed, double mean) {
        double[] shape = new double[SHAPE_POINTS];
        int n = completed.length;
        for (int i = 0; i < SHAPE_POINTS; i++) {
            double position = n == 1 ? 0 : (double) i * (n - 1) / (SHAPE_POINTS - 1);
            int left = (int) Math.floor(position);
            int right = Math.min(left + 1, n - 1);
            double fraction = position - left;
            double value = completed[left] * (1 - fraction) + completed[right] * fraction;
            shape[i] = mean == 0 ? 1.0 : value / mean;
        }
        return shape;
    }
}
