package io.perfweave.orchestrator;

import io.perfweave.orchestrator.chronicle.Project;
import io.perfweave.orchestrator.chronicle.ProjectOutcome;
import io.perfweave.orchestrator.chronicle.Sprint;

import java.util.ArrayList;
import java.util.List;

/** Small, hand-made projects whose analyses can be worked out on paper. */
public final class SampleProjects {

    private SampleProjects() {
    }

    /**
     * A project from rows of {@code {planned, completed, durationDays, teamSize, defects}},
     * numbered from sprint 1.
     */
    public static Project project(String id, ProjectOutcome outcome, int[]... rows) {
        List<Sprint> sprints = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int[] row = rows[i];
            sprints.add(new Sprint(i + 1, row[0], row[1], row[2], row[3], row[4]));
        }
        return new Project(id, id + " name", "testing", outcome, sprints);
    }

    /**
     * A project that delivered exactly what it planned in 10-day sprints with a team of five and
     * no defects, completing the given points sprint by sprint.
     */
    public static Project delivering(String id, ProjectOutcome outcome, int... completed) {
        int[][] rows = new int[completed.length][];
        for (int i = 0; i < completed.length; i++) {
            rows[i] = new int[] {completed[i], completed[i], 10, 5, 0};
        }
        return project(id, outcome, rows);
    }
}
