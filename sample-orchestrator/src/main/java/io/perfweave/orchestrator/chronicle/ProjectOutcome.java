package io.perfweave.orchestrator.chronicle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a finished project was judged by its stakeholders. */
public enum ProjectOutcome {
    SUCCESS,
    CHALLENGED,
    FAILED;

    /** The lower-case name used in JSON, as the Python service wrote it. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectOutcome fromWireName(String name) {
        for (ProjectOutcome outcome : values()) {
            if (outcome.wireName().equals(name)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException(
                "unknown outcome '" + name + "', expected success, challenged or failed");
    }
}
