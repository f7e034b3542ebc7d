package io.perfweave.orchestrator.decision;

/**
 * Plain delivery figures of a project, read straight off its sprints.
 *
 * @param averageVelocity     mean completed points per sprint
 * @param recentVelocity      mean completed points over the last (up to) three sprints
 * @param lastSprintVelocity  completed points of the latest sprint
 * @param previousVelocity    mean completed points over the (up to) three sprints before the latest
 * @param completionRatio     all completed points over all planned points
 * @param defectRate          defects per completed point
 */
public record ProjectAnalysis(
        int sprintCount,
        int currentTeamSize,
        int initialTeamSize,
        double averageVelocity,
        double recentVelocity,
        double lastSprintVelocity,
        double previousVelocity,
        double completionRatio,
        double defectRate) {
}
