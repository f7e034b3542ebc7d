package io.perfweave.agent.judge;

import com.fasterxml.jackson.annotation.JsonValue;
import io.perfweave.agent.config.Levels;

/**
 * Where a figure stands against a threshold's levels, from best to worst. Limits are the worst
 * acceptable values, as in the seeds' rules: a duration is past its limit when it is greater
 * ({@code avg_duration_ms > 2000}), a success rate when it is smaller ({@code success_rate < 95}).
 */
public enum Level {
    /** Nothing to judge yet: no calls in the period, or the figure cannot be read. */
    NO_DATA("no_data"),
    /** Within the target (or within every level set, when there is no target). */
    TARGET("target"),
    /** Past the target, not yet past the warning level. */
    OFF_TARGET("off_target"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String word;

    Level(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** True when the threshold is met: its figure is within the target, or there is nothing to judge. */
    public boolean met() {
        return this == NO_DATA || this == TARGET;
    }

    /** The level of {@code actual} against {@code levels}; null {@code actual} is {@link #NO_DATA}. */
    public static Level of(Levels levels, Double actual, boolean higherIsBetter) {
        if (actual == null || actual.isNaN()) {
            return NO_DATA;
        }
        if (past(levels.critical(), actual, higherIsBetter)) {
            return CRITICAL;
        }
        if (past(levels.warning(), actual, higherIsBetter)) {
            return WARNING;
        }
        if (past(levels.target(), actual, higherIsBetter)) {
            return OFF_TARGET;
        }
        return TARGET;
    }

    /** The limit that {@code met} is judged against: the target, else the warning level, else the critical one. */
    public static double limitOf(Levels levels) {
        return levels.target() != null ? levels.target() : levels.warning() != null ? levels.warning() : levels.critical();
    }

    private static boolean past(Double limit, double actual, boolean higherIsBetter) {
        return limit != null && (higherIsBetter ? actual < limit : actual > limit);
    }
}
