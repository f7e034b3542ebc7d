package io.perfweave.orchestrator.chronicle;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One finished sprint of a project, as the chronicle recorded it.
 *
 * <p>Values are kept exactly as recorded, even impossible ones (a negative duration, zero planned
 * points): the chronicle is an archive, and it is up to each analysis to decide what it can use.
 */
public record Sprint(
        int number,
        int plannedPoints,
        int completedPoints,
        int durationDays,
        int teamSize,
        int defects) {

    /** Whether every value is physically possible, so the sprint can be compared with others. */
    @JsonIgnore // derived, not part of the record as stored
    public boolean isPlausible() {
        return durationDays > 0
                && plannedPoints > 0
                && completedPoints >= 0
                && teamSize > 0
                && defects >= 0;
    }
}
