package io.perfweave.agent.judge;

/**
 * A threshold that moved from one level to another between two evaluations.
 *
 * @param check the evaluation that found the new level
 * @param from the level before
 */
public record LevelChange(ThresholdCheck check, Level from) {
    public Level to() {
        return check.level();
    }
}
